package dev.alerting.notify.receiver;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How one delivery attempt ended, classified where it happens (as Alertmanager's {@code
 * notify/util.go} Retrier): 2xx delivered; 5xx, network errors and the integration's own retryable
 * codes (429 for most) worth retrying; any other status permanent. {@code detail} and {@code
 * payload} are already free of secrets; {@code retryAfter} is the receiver's {@code Retry-After}.
 */
public record Outcome(Kind kind, String detail, Optional<Duration> retryAfter, String payload) {
  /** The three answers a receiver can give. */
  public enum Kind {
    DELIVERED,
    RETRYABLE,
    PERMANENT
  }

  public Outcome {
    detail = detail == null ? "" : detail;
    retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
    payload = payload == null ? "" : payload;
  }

  public Outcome(Kind kind, String detail) {
    this(kind, detail, Optional.empty(), "");
  }

  public static Outcome delivered() {
    return new Outcome(Kind.DELIVERED, "");
  }

  /** Classifies an HTTP status with no integration-specific retryable codes beyond 429. */
  public static Outcome ofStatus(int status) {
    return ofStatus(status, Set.of(429));
  }

  public static Outcome ofStatus(int status, Set<Integer> retryable) {
    if (status >= 200 && status < 300) {
      return delivered();
    }
    if (status >= 500 || retryable.contains(status)) {
      return new Outcome(Kind.RETRYABLE, "HTTP " + status);
    }
    return new Outcome(Kind.PERMANENT, "HTTP " + status);
  }

  public static Outcome ofError(Throwable e) {
    return new Outcome(Kind.RETRYABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  public static Outcome permanent(String detail) {
    return new Outcome(Kind.PERMANENT, detail);
  }

  public boolean isDelivered() {
    return kind == Kind.DELIVERED;
  }

  public Outcome withRetryAfter(Optional<Duration> wait) {
    return new Outcome(kind, detail, wait, payload);
  }

  public Outcome withDetail(String more) {
    return new Outcome(kind, more, retryAfter, payload);
  }

  public Outcome withPayload(String body) {
    return new Outcome(kind, detail, retryAfter, body);
  }
}
