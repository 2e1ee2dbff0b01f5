package dev.alerting.ingest.push;

import dev.alerting.ingest.sample.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The counters and timer of the push API, with tags from small fixed sets. */
public final class IngestMetrics {
  /** The {@code format} tags of {@code ingest_format_requests_total}: one per push format. */
  public static final List<String> FORMATS =
      List.of("json", "remote_write", "text", "pushgateway", "influx");

  /**
   * The {@code kind} tags of {@code ingest_input_skipped_total}: input a format has but the topic
   * cannot carry.
   */
  public static final List<String> SKIPPED_KINDS = List.of("influx_string_field");

  private final MeterRegistry registry;
  private final Counter accepted;
  private final Counter histograms;
  private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
  private final Map<Outcome, Counter> requests = new EnumMap<>(Outcome.class);
  private final Map<Outcome, Timer> durations = new EnumMap<>(Outcome.class);
  private final Map<String, Counter> byFormat = new HashMap<>();
  private final Map<String, Counter> skipped = new HashMap<>();

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    accepted =
        Counter.builder("ingest.samples.accepted")
            .description("Samples acknowledged by Kafka and answered 200")
            .register(registry);
    histograms =
        Counter.builder("ingest.histograms.accepted")
            .description("Native histogram samples among the accepted samples")
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
    registerFormats();
  }

  private void registerFormats() {
    for (String f : FORMATS) {
      for (Outcome o : Outcome.values()) {
        byFormat.put(
            f + "/" + o.tag(),
            Counter.builder("ingest.format.requests")
                .description("Push requests, by format and outcome")
                .tag("format", f)
                .tag("outcome", o.tag())
                .register(registry));
      }
    }
    for (String k : SKIPPED_KINDS) {
      skipped.put(
          k,
          Counter.builder("ingest.input.skipped")
              .description(
                  "Input values a format carries but samples cannot (Influx string fields), dropped")
              .tag("kind", k)
              .register(registry));
    }
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void accepted(int samples) {
    accepted.increment(samples);
  }

  public void histogramsAccepted(int count) {
    histograms.increment(count);
  }

  public void skipped(String kind, int count) {
    Counter c = skipped.get(kind);
    if (c != null) {
      c.increment(count);
    }
  }

  public void rejected(RejectReason reason, int samples) {
    rejected.get(reason).increment(samples);
  }

  public void request(String format, Outcome outcome, long startNanos) {
    Counter c = byFormat.get(format + "/" + outcome.tag());
    if (c != null) {
      c.increment();
    }
    requests.get(outcome).increment();
    durations.get(outcome).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }
}
