package dev.alerting.incident.escalation;

import java.util.Locale;
import java.util.Objects;

/** Whom a step notifies: whoever is on call in a schedule, a named user, or a receiver directly. */
public record Target(Kind kind, String name) {
  /**
   * The three kinds of target, written {@code schedule/NAME}, {@code user/NAME}, {@code
   * receiver/NAME}.
   */
  public enum Kind {
    SCHEDULE,
    USER,
    RECEIVER;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Target {
    Objects.requireNonNull(kind, "kind");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a target needs a name");
    }
  }

  /** Parses {@code schedule/NAME}, {@code user/NAME} or {@code receiver/NAME}. */
  public static Target parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new IllegalArgumentException(
          "'" + text + "' is not schedule/NAME, user/NAME or receiver/NAME");
    }
    String kind = text.substring(0, slash);
    for (Kind k : Kind.values()) {
      if (k.wire().equals(kind)) {
        return new Target(k, text.substring(slash + 1));
      }
    }
    throw new IllegalArgumentException(
        "'" + kind + "' in '" + text + "' is not one of schedule, user, receiver");
  }

  @Override
  public String toString() {
    return kind.wire() + "/" + name;
  }
}
