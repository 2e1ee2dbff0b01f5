package dev.alerting.notify.receiver;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivery metrics per integration and receiver (both from the config, so a small fixed set): sent,
 * failed by reason (permanent, retries_exhausted), retries, and a latency histogram from the first
 * attempt to the final answer. Meters are built once per key: a builder and registry lookup per
 * notification showed in the delivery profile.
 */
public final class DeliveryMetrics {
  private final MeterRegistry registry;
  private final Map<String, Meters> meters = new ConcurrentHashMap<>();

  /** The meters of one integration of one receiver. */
  private record Meters(Timer latency, Counter sent, Counter retries) {}

  public DeliveryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  private Meters meters(String integration, String receiver) {
    return meters.computeIfAbsent(
        integration + '\u0000' + receiver,
        k ->
            new Meters(
                Timer.builder("notifier.notification.latency")
                    .description(
                        "Time from the first attempt to the final answer of a notification")
                    .tag("integration", integration)
                    .tag("receiver", receiver)
                    .publishPercentileHistogram()
                    .register(registry),
                Counter.builder("notifier.notifications")
                    .description("Notifications delivered")
                    .tag("integration", integration)
                    .tag("receiver", receiver)
                    .register(registry),
                Counter.builder("notifier.notification.retries")
                    .description("Delivery attempts that were retried")
                    .tag("integration", integration)
                    .tag("receiver", receiver)
                    .register(registry)));
  }

  void record(String integration, String receiver, Outcome o, Duration took, int attempts) {
    Meters m = meters(integration, receiver);
    m.latency().record(took);
    if (o.kind() == Outcome.Kind.DELIVERED) {
      m.sent().increment();
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
    meters(integration, receiver).retries().increment();
  }
}
