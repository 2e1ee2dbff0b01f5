package dev.alerting.incident.config;

/** A person who can be paged, and the notifier receiver that reaches them. */
public record OnCallUser(String name, String receiver) {
  public OnCallUser {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a user needs a name");
    }
    if (receiver == null || receiver.isBlank()) {
      throw new IllegalArgumentException("user " + name + " needs a receiver");
    }
  }
}
