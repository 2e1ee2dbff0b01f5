package dev.alerting.notify.receiver;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter between delivery attempts, doubling from {@code initialBackoff}
 * up to {@code maxBackoff}; a receiver's {@code Retry-After} raises the wait to at least what it
 * asked for (capped at {@code maxBackoff}, so a hostile header cannot park a delivery for hours).
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

  /** The backoff ceiling after failed attempt number {@code attempt} (1-based), before jitter. */
  public Duration backoffAfter(int attempt) {
    long initial = initialBackoff.toMillis();
    int shift = Math.min(attempt - 1, 30);
    long ms = initial > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : initial << shift;
    return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
  }

  /**
   * The wait after failed attempt {@code attempt}: "equal jitter" (half the ceiling plus a random
   * share of the other half) so receivers recovering from an outage are not hit in lock-step, and
   * never less than the receiver's {@code Retry-After}.
   */
  public Duration waitAfter(int attempt, Outcome outcome) {
    long ceiling = backoffAfter(attempt).toMillis();
    long half = ceiling / 2;
    long jittered = half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0);
    long asked = outcome.retryAfter().map(Duration::toMillis).orElse(0L);
    return Duration.ofMillis(Math.max(jittered, Math.min(asked, maxBackoff.toMillis())));
  }

  /** Whether another attempt follows failed attempt number {@code attempt}. */
  public boolean retryAfter(int attempt, Outcome outcome) {
    return outcome.kind() == Outcome.Kind.RETRYABLE && attempt < maxAttempts;
  }
}
