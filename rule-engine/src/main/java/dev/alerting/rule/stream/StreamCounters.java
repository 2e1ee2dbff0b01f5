package dev.alerting.rule.stream;

import dev.alerting.model.alert.Alert;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the sample stream read and wrote: {@code rules_samples_consumed_total}, {@code
 * rules_samples_invalid_total} and {@code rules_alerts_emitted_total{status}}. Each term as the
 * active instance gets the same counters back from the registry, so they count over the process.
 */
final class StreamCounters {
  private final Counter consumed;
  private final Counter invalid;
  private final Counter firing;
  private final Counter resolved;

  StreamCounters(MeterRegistry registry) {
    this.consumed =
        Counter.builder("rules.samples.consumed")
            .description("Samples read from metrics.samples")
            .register(registry);
    this.invalid =
        Counter.builder("rules.samples.invalid")
            .description("Records on metrics.samples that did not decode; skipped")
            .register(registry);
    this.firing = emitted(registry, "firing");
    this.resolved = emitted(registry, "resolved");
  }

  private static Counter emitted(MeterRegistry registry, String status) {
    return Counter.builder("rules.alerts.emitted")
        .description("Alert events acknowledged on the alerts topic")
        .tag("status", status)
        .register(registry);
  }

  void consumed(int samples) {
    consumed.increment(samples);
  }

  void invalid() {
    invalid.increment();
  }

  /** An event acknowledged on {@code alerts}. */
  void emitted(Alert event) {
    (event.isFiring() ? firing : resolved).increment();
  }
}
