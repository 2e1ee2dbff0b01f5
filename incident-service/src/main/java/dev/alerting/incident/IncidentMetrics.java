package dev.alerting.incident;

import dev.alerting.incident.lifecycle.Correlation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The service's own counters; label values come from small fixed sets. */
public final class IncidentMetrics {
  /** Resolved by the service because its alerts resolved. */
  public static final String BY_SYSTEM = "system";

  /** Resolved through the API. */
  public static final String BY_USER = "user";

  /** The severities counted by name in the open-incidents gauge; any other counts as "other". */
  public static final java.util.List<String> SEVERITIES =
      java.util.List.of("critical", "error", "warning", "info", "none", "other");

  /**
   * Histogram buckets for times people take (30 s to a day): Micrometer's default timer buckets
   * stop at 30 s, where every acknowledgement would land in +Inf.
   */
  private static final java.time.Duration[] HUMAN_SCALE =
      java.util.stream.Stream.of(
              "PT30S", "PT1M", "PT2M", "PT5M", "PT10M", "PT15M", "PT30M", "PT1H", "PT2H", "PT4H",
              "PT8H", "PT24H")
          .map(java.time.Duration::parse)
          .toArray(java.time.Duration[]::new);

  private final MeterRegistry registry;
  private final java.util.Map<String, java.util.concurrent.atomic.AtomicLong> open =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final io.micrometer.core.instrument.Timer timeToAcknowledge;
  private final io.micrometer.core.instrument.Timer timeToResolve;
  private final Counter opened;
  private final Counter acknowledged;
  private final Counter invalid;

  public IncidentMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.opened =
        Counter.builder("incidents.opened").description("incidents opened").register(registry);
    this.acknowledged =
        Counter.builder("incidents.acknowledged")
            .description("incidents acknowledged")
            .register(registry);
    this.invalid =
        Counter.builder("incident.alert.events.invalid")
            .description("alert events skipped because they could not be decoded")
            .register(registry);
    resolved(BY_SYSTEM, 0);
    resolved(BY_USER, 0);
    this.timeToAcknowledge =
        io.micrometer.core.instrument.Timer.builder("incident.time.to.acknowledge")
            .description("from an incident's creation to its acknowledgement")
            .serviceLevelObjectives(HUMAN_SCALE)
            .register(registry);
    this.timeToResolve =
        io.micrometer.core.instrument.Timer.builder("incident.time.to.resolve")
            .description("from an incident's creation to its resolution")
            .serviceLevelObjectives(HUMAN_SCALE)
            .register(registry);
    for (String severity : SEVERITIES) {
      java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
      open.put(severity, n);
      io.micrometer.core.instrument.Gauge.builder(
              "incidents.open", n, java.util.concurrent.atomic.AtomicLong::get)
          .description("incidents open or acknowledged, by severity")
          .tag("severity", severity)
          .register(registry);
    }
  }

  /** How long an incident waited for its acknowledgement. */
  public void acknowledgedAfter(java.time.Duration d) {
    timeToAcknowledge.record(d);
  }

  /** How long an incident lasted. */
  public void resolvedAfter(java.time.Duration d) {
    timeToResolve.record(d);
  }

  /** The latest count of active incidents per severity (from the database). */
  public void openBySeverity(java.util.Map<String, Long> counts) {
    java.util.Map<String, Long> bucketed = new java.util.HashMap<>();
    counts.forEach(
        (severity, n) ->
            bucketed.merge(SEVERITIES.contains(severity) ? severity : "other", n, Long::sum));
    open.forEach((severity, gauge) -> gauge.set(bucketed.getOrDefault(severity, 0L)));
  }

  /** Counts one applied alert event by its status and by what it did. */
  public void event(String status, Correlation.Outcome outcome) {
    Counter.builder("incident.alert.events")
        .description("alert events consumed")
        .tag("status", status)
        .register(registry)
        .increment();
    if (outcome instanceof Correlation.Opened) {
      opened.increment();
    } else if (outcome instanceof Correlation.Updated u && u.autoResolved()) {
      resolved(BY_SYSTEM, 1);
      resolvedAfter(
          java.time.Duration.between(u.incident().createdAt(), u.incident().resolvedAt()));
    } else if (outcome instanceof Correlation.Ignored i) {
      Counter.builder("incident.alert.events.ignored")
          .description("alert events that changed nothing, by reason")
          .tag("reason", i.reason().wire())
          .register(registry)
          .increment();
    }
  }

  public void invalidEvent() {
    invalid.increment();
  }

  public void acknowledged() {
    acknowledged.increment();
  }

  public void resolvedByUser() {
    resolved(BY_USER, 1);
  }

  private void resolved(String by, double amount) {
    Counter.builder("incidents.resolved")
        .description("incidents resolved")
        .tag("by", by)
        .register(registry)
        .increment(amount);
  }

  /** Escalation steps fired by one tick. */
  public void stepsFired(int n) {
    if (n > 0) {
      Counter.builder("incident.escalation.steps")
          .description("escalation steps fired")
          .register(registry)
          .increment(n);
    }
  }

  /** Pages handed to Kafka by the outbox. */
  public void pagesPublished(int n) {
    if (n > 0) {
      Counter.builder("incident.pages.published")
          .description("page requests written to the pages topic")
          .register(registry)
          .increment(n);
    }
  }

  /** A delivery outcome reported by the notifier; {@code result} is delivered or failed. */
  public void pageOutcome(String result) {
    Counter.builder("incident.pages")
        .description("pages by delivery outcome")
        .tag("outcome", result)
        .register(registry)
        .increment();
  }
}
