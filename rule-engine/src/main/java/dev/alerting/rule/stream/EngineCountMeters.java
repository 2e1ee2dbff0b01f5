package dev.alerting.rule.stream;

import dev.alerting.rule.engine.RuleEngine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/** Meters read from the engine core's own counts of samples and refused evaluations. */
final class EngineCountMeters {
  private EngineCountMeters() {}

  /** The engine's late-sample policy, as counters read from the core (see DESIGN.md). */
  static void register(MeterRegistry registry, RuleEngine engine) {
    FunctionCounter.builder("rules.samples.late", engine, e -> e.sampleCounts().late())
        .description("Samples older than the engine clock, within retention: stored, clock kept")
        .register(registry);
    FunctionCounter.builder("rules.samples.dropped", engine, e -> e.sampleCounts().tooOld())
        .description("Samples not stored")
        .tag("reason", "too_old")
        .register(registry);
    FunctionCounter.builder("rules.samples.dropped", engine, e -> e.sampleCounts().unselected())
        .description("Samples not stored")
        .tag("reason", "unselected")
        .register(registry);
    FunctionCounter.builder("rules.samples.future", engine, e -> e.sampleCounts().future())
        .description(
            "Samples dated past their record's broker time plus RULES_MAX_FUTURE_SKEW: stored,"
                + " the clock moved only up to that bound")
        .register(registry);
    FunctionCounter.builder("rules.samples.duplicate", engine, e -> e.sampleCounts().duplicates())
        .description("Samples at a timestamp their series already had: value replaced")
        .register(registry);
    FunctionCounter.builder("rules.evaluations.refused", engine, RuleEngine::refusedEvaluations)
        .description("Rule evaluations refused; the rule's alerts kept, nothing recorded")
        .tag("reason", "series_limit")
        .register(registry);
  }
}
