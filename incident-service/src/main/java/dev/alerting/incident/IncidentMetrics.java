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

  private final MeterRegistry registry;
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
