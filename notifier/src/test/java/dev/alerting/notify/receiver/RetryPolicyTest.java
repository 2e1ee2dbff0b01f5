package dev.alerting.notify.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.notify.receiver.Outcome.Kind;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Delivery outcome classification and backoff")
class RetryPolicyTest {
  private static final RetryPolicy POLICY =
      new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 10);

  @ParameterizedTest(name = "HTTP {0} is {1}")
  @CsvSource({
    "200, DELIVERED",
    "202, DELIVERED",
    "204, DELIVERED",
    "299, DELIVERED",
    "500, RETRYABLE",
    "502, RETRYABLE",
    "503, RETRYABLE",
    "429, RETRYABLE",
    "400, PERMANENT",
    "401, PERMANENT",
    "404, PERMANENT",
    "410, PERMANENT",
    "301, PERMANENT",
    "100, PERMANENT"
  })
  @DisplayName("statuses are classified as Alertmanager does")
  void classify(int status, Kind kind) {
    assertThat(Outcome.ofStatus(status).kind()).isEqualTo(kind);
  }

  @Test
  @DisplayName("network errors and timeouts are retryable")
  void errorsRetry() {
    assertThat(Outcome.ofError(new TimeoutException("10s")).kind()).isEqualTo(Kind.RETRYABLE);
  }

  @ParameterizedTest(name = "after attempt {0} wait {1} ms")
  @CsvSource({"1, 500", "2, 1000", "3, 2000", "6, 16000", "7, 30000", "9, 30000", "60, 30000"})
  @DisplayName("backoff doubles from the initial wait up to the maximum")
  void backoff(int attempt, long millis) {
    assertThat(POLICY.backoffAfter(attempt)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "after attempt {0} the jittered wait lies in [{1}, {2}] ms")
  @CsvSource({
    "1, 250, 500",
    "2, 500, 1000",
    "3, 1000, 2000",
    "7, 15000, 30000",
    "60, 15000, 30000"
  })
  @DisplayName("the wait is jittered between half the backoff and the backoff")
  void jitter(int attempt, long min, long max) {
    for (int i = 0; i < 200; i++) {
      assertThat(POLICY.waitAfter(attempt, Outcome.ofStatus(503)).toMillis()).isBetween(min, max);
    }
  }

  @ParameterizedTest(name = "Retry-After {0} s after attempt {1} waits at least {2} ms")
  @CsvSource({"2, 1, 2000", "20, 1, 20000", "3600, 1, 30000", "0, 3, 1000"})
  @DisplayName("a receiver's Retry-After raises the wait, capped at the maximum backoff")
  void retryAfterHeader(long seconds, int attempt, long atLeast) {
    Outcome limited =
        Outcome.ofStatus(429).withRetryAfter(java.util.Optional.of(Duration.ofSeconds(seconds)));
    long wait = POLICY.waitAfter(attempt, limited).toMillis();
    assertThat(wait).isGreaterThanOrEqualTo(atLeast).isLessThanOrEqualTo(30000);
  }

  @ParameterizedTest(name = "HTTP {0} with retryable codes {1} is {2}")
  @CsvSource({
    "403, 403, RETRYABLE",
    "403, 429, PERMANENT",
    "429, 429, RETRYABLE",
    "503, 403, RETRYABLE"
  })
  @DisplayName("each integration adds its own retryable codes (PagerDuty v1 retries 403)")
  void integrationCodes(int status, int retryable, Kind kind) {
    assertThat(Outcome.ofStatus(status, java.util.Set.of(retryable)).kind()).isEqualTo(kind);
  }

  @Test
  @DisplayName("only retryable outcomes are retried, and only up to the attempt limit")
  void retryDecision() {
    Outcome retryable = Outcome.ofStatus(503);
    assertThat(POLICY.retryAfter(1, retryable)).isTrue();
    assertThat(POLICY.retryAfter(9, retryable)).isTrue();
    assertThat(POLICY.retryAfter(10, retryable)).isFalse();
    assertThat(POLICY.retryAfter(1, Outcome.ofStatus(404))).isFalse();
    assertThat(POLICY.retryAfter(1, Outcome.delivered())).isFalse();
  }

  @Test
  @DisplayName("an inconsistent policy is rejected on construction")
  void validates() {
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(1), 3))
        .hasMessageContaining("max backoff");
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
        .hasMessageContaining("attempts");
  }
}
