package dev.alerting.ingest.push;

import dev.alerting.ingest.sample.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The counters and timer of the push API, with tags from small fixed sets. */
public final class IngestMetrics {
  private final MeterRegistry registry;
  private final Counter accepted;
  private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
  private final Map<Outcome, Counter> requests = new EnumMap<>(Outcome.class);
  private final Map<Outcome, Timer> durations = new EnumMap<>(Outcome.class);

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    accepted =
        Counter.builder("ingest.samples.accepted")
            .description("Samples acknowledged by Kafka and answered 200")
            .register(registry);
    // registered up front so every series shows 0 before its first event
    for (RejectReason r : RejectReason.values()) {
      rejected.put(
          r,
          Counter.builder("ingest.samples.rejected")
              .description("Samples not written, by reason")
              .tag("reason", r.tag())
              .register(registry));
    }
    for (Outcome o : Outcome.values()) {
      requests.put(
          o,
          Counter.builder("ingest.requests")
              .description("Push requests, by outcome")
              .tag("outcome", o.tag())
              .register(registry));
      durations.put(
          o,
          Timer.builder("ingest.request.duration")
              .description("Push request latency, from first byte to answer")
              .tag("outcome", o.tag())
              .register(registry));
    }
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void accepted(int samples) {
    accepted.increment(samples);
  }

  public void rejected(RejectReason reason, int samples) {
    rejected.get(reason).increment(samples);
  }

  public void request(Outcome outcome, long startNanos) {
    requests.get(outcome).increment();
    durations.get(outcome).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }
}
