package dev.alerting.rule.stream;

import dev.alerting.rule.alert.AlertState;
import dev.alerting.rule.alert.AlertingRuleState;
import dev.alerting.rule.engine.RuleEngine;
import dev.alerting.rule.engine.SampleCounts;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Meters read from the engine core: its own counts of samples and refused evaluations, the series
 * and alerts it holds. Registered once per process and read through {@code engine}, the current
 * term's core (null on a standby: every meter then reads 0), because each term as the active
 * instance builds a new core from the checkpoint.
 */
public final class EngineMeters {
  private EngineMeters() {}

  /**
   * Registers the meters. Meters hold their state object weakly: the caller keeps {@code engine}
   * referenced for as long as the registry lives.
   */
  public static void register(MeterRegistry registry, Supplier<RuleEngine> engine) {
    counter(registry, engine, "rules.evaluations", "Rule evaluations run", RuleEngine::evaluations);
    Gauge.builder("rules.series", engine, s -> read(s, RuleEngine::seriesCount))
        .description("Series held in the retention window (input, recorded and alert series)")
        .register(registry);
    sampleCount(
        registry,
        engine,
        "rules.samples.late",
        "Samples older than the engine clock, within retention: stored, clock kept",
        null,
        SampleCounts::late);
    sampleCount(
        registry,
        engine,
        "rules.samples.dropped",
        "Samples not stored",
        "too_old",
        SampleCounts::tooOld);
    sampleCount(
        registry,
        engine,
        "rules.samples.dropped",
        "Samples not stored",
        "unselected",
        SampleCounts::unselected);
    sampleCount(
        registry,
        engine,
        "rules.samples.future",
        "Samples dated past their record's broker time plus RULES_MAX_FUTURE_SKEW: stored,"
            + " the clock moved only up to that bound",
        null,
        SampleCounts::future);
    sampleCount(
        registry,
        engine,
        "rules.samples.duplicate",
        "Samples at a timestamp their series already had: value replaced",
        null,
        SampleCounts::duplicates);
    FunctionCounter.builder(
            "rules.evaluations.refused", engine, s -> read(s, RuleEngine::refusedEvaluations))
        .description("Rule evaluations refused; the rule's alerts kept, nothing recorded")
        .tag("reason", "series_limit")
        .register(registry);
    for (AlertState state : List.of(AlertState.PENDING, AlertState.FIRING)) {
      Gauge.builder("rules.alerts.active", engine, s -> read(s, e -> count(e, state)))
          .description("Alerts the rules hold now, by state")
          .tag("state", state.wire())
          .register(registry);
    }
  }

  private static void counter(
      MeterRegistry registry,
      Supplier<RuleEngine> engine,
      String name,
      String description,
      ToDoubleFunction<RuleEngine> value) {
    FunctionCounter.builder(name, engine, s -> read(s, value))
        .description(description)
        .register(registry);
  }

  private static void sampleCount(
      MeterRegistry registry,
      Supplier<RuleEngine> engine,
      String name,
      String description,
      String reason,
      ToDoubleFunction<SampleCounts> value) {
    FunctionCounter.Builder<Supplier<RuleEngine>> b =
        FunctionCounter.builder(
                name, engine, s -> read(s, e -> value.applyAsDouble(e.sampleCounts())))
            .description(description);
    if (reason != null) {
      b.tag("reason", reason);
    }
    b.register(registry);
  }

  private static double read(Supplier<RuleEngine> engine, ToDoubleFunction<RuleEngine> value) {
    RuleEngine e = engine.get();
    return e == null ? 0 : value.applyAsDouble(e);
  }

  private static double count(RuleEngine engine, AlertState state) {
    long n = 0;
    for (AlertingRuleState rule : engine.alertingRules()) {
      n += rule.alerts().stream().filter(a -> a.state() == state).count();
    }
    return n;
  }
}
