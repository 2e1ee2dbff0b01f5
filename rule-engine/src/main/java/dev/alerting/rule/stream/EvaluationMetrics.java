package dev.alerting.rule.stream;

import dev.alerting.model.alert.Alert;
import dev.alerting.rule.alert.AlertState;
import dev.alerting.rule.alert.AlertingRuleState;
import dev.alerting.rule.engine.RuleEngine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * How long the engine takes per pass and what it holds: {@code
 * rules_evaluation_duration_seconds{trigger="samples|tick"}} (a histogram of one pass: a polled
 * batch stored and the rules reading it evaluated, or a tick evaluating every rule at the clock)
 * and {@code rules_alerts_active{state="pending|firing"}} (alerts the rules hold now, as the {@code
 * /api/v1/alerts} list shows them).
 */
final class EvaluationMetrics {
  private final Timer samples;
  private final Timer tick;

  EvaluationMetrics(MeterRegistry registry, RuleEngine engine) {
    this.samples = timer(registry, "samples");
    this.tick = timer(registry, "tick");
    for (AlertState state : List.of(AlertState.PENDING, AlertState.FIRING)) {
      Gauge.builder("rules.alerts.active", engine, e -> count(e, state))
          .description("Alerts the rules hold now, by state")
          .tag("state", state.wire())
          .register(registry);
    }
  }

  private static Timer timer(MeterRegistry registry, String trigger) {
    return Timer.builder("rules.evaluation.duration")
        .description("One engine pass: a polled batch of samples, or a tick at the clock")
        .tag("trigger", trigger)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(10_000))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
  }

  /** Runs a pass over a polled batch, timed. */
  List<Alert> samples(Supplier<List<Alert>> pass) {
    return time(samples, pass);
  }

  /** Runs a tick, timed. */
  List<Alert> tick(Supplier<List<Alert>> pass) {
    return time(tick, pass);
  }

  private static List<Alert> time(Timer timer, Supplier<List<Alert>> pass) {
    long start = System.nanoTime();
    try {
      return pass.get();
    } finally {
      timer.record(Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private static double count(RuleEngine engine, AlertState state) {
    long n = 0;
    for (AlertingRuleState rule : engine.alertingRules()) {
      n += rule.alerts().stream().filter(a -> a.state() == state).count();
    }
    return n;
  }
}
