package dev.alerting.notify.receiver.email;

import dev.alerting.notify.receiver.Integration;

/**
 * An {@code email_configs} entry (parsed and validated; delivery comes with the email integration).
 */
public record EmailConfig(String to, String from, String smarthost, boolean sendResolved)
    implements Integration {
  public EmailConfig {
    if (to == null || to.isBlank()) {
      throw new IllegalArgumentException("to is required");
    }
    if (from == null || from.isBlank()) {
      throw new IllegalArgumentException("from is required (here or as global.smtp_from)");
    }
    if (smarthost == null || smarthost.isBlank()) {
      throw new IllegalArgumentException(
          "smarthost is required (here or as global.smtp_smarthost)");
    }
    if (!smarthost.matches(".+:\\d+")) {
      throw new IllegalArgumentException("smarthost '" + smarthost + "' is not host:port");
    }
  }

  @Override
  public String name() {
    return "email";
  }
}
