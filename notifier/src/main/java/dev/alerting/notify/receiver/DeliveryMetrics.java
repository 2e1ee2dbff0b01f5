package dev.alerting.notify.receiver;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Delivery metrics per integration and receiver (both from the config, so a small fixed set): sent,
 * failed by reason (permanent, retries_exhausted), retries, and a latency histogram from the first
 * attempt to the final answer.
 */
public final class DeliveryMetrics {
  private final MeterRegistry registry;

  public DeliveryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(String integration, String receiver, Outcome o, Duration took, int attempts) {
    Timer.builder("notifier.notification.latency")
        .description("Time from the first attempt to the final answer of a notification")
        .tag("integration", integration)
        .tag("receiver", receiver)
        .publishPercentileHistogram()
        .register(registry)
        .record(took);
    if (o.kind() == Outcome.Kind.DELIVERED) {
      Counter.builder("notifier.notifications")
          .description("Notifications delivered")
          .tag("integration", integration)
          .tag("receiver", receiver)
          .register(registry)
          .increment();
      return;
    }
    String reason = o.kind() == Outcome.Kind.PERMANENT ? "permanent" : "retries_exhausted";
    Counter.builder("notifier.notifications.failed")
        .description("Notifications that failed for good (dead-lettered)")
        .tag("integration", integration)
        .tag("receiver", receiver)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  void retried(String integration, String receiver) {
    Counter.builder("notifier.notification.retries")
        .description("Delivery attempts that were retried")
        .tag("integration", integration)
        .tag("receiver", receiver)
        .register(registry)
        .increment();
  }
}
