package dev.alerting.notify.receiver;

import java.time.Duration;

/**
 * Exponential backoff between delivery attempts, doubling from {@code initialBackoff} up to {@code
 * maxBackoff}.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {
  public RetryPolicy {
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initial backoff must be positive");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("max backoff must not be below the initial backoff");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be at least 1");
    }
  }

  /** The wait after failed attempt number {@code attempt} (1-based). */
  public Duration backoffAfter(int attempt) {
    long initial = initialBackoff.toMillis();
    int shift = Math.min(attempt - 1, 30);
    long ms = initial > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : initial << shift;
    return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
  }

  /** Whether another attempt follows failed attempt number {@code attempt}. */
  public boolean retryAfter(int attempt, Outcome outcome) {
    return outcome.kind() == Outcome.Kind.RETRYABLE && attempt < maxAttempts;
  }
}
