package dev.alerting.notify.receiver;

/**
 * How one delivery attempt ended, classified where it happens (as Alertmanager's {@code
 * notify/util.go}): 2xx delivered, 5xx and 429 worth retrying, any other status permanent. Network
 * errors and timeouts are retryable.
 */
public record Outcome(Kind kind, String detail) {
  /** The three answers a receiver can give. */
  public enum Kind {
    DELIVERED,
    RETRYABLE,
    PERMANENT
  }

  public static Outcome delivered() {
    return new Outcome(Kind.DELIVERED, "");
  }

  public static Outcome ofStatus(int status) {
    if (status >= 200 && status < 300) {
      return delivered();
    }
    if (status >= 500 || status == 429) {
      return new Outcome(Kind.RETRYABLE, "HTTP " + status);
    }
    return new Outcome(Kind.PERMANENT, "HTTP " + status);
  }

  public static Outcome ofError(Throwable e) {
    return new Outcome(Kind.RETRYABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
  }
}
