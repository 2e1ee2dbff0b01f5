package dev.alerting.rule.engine;

/**
 * What {@link RuleEngine#accept} did with samples that were not simply new and in order, counted
 * since the engine was created (see DESIGN.md, "Late and out-of-order samples").
 *
 * @param late stored although older than the clock, within retention; the clock did not move
 * @param tooOld dropped without storing: at or before clock − retention, where no rule reads
 * @param duplicates replaced the value their series already had at that timestamp (redelivery)
 * @param unselected not stored because no rule selects their series (they still move the clock)
 * @param future dated further ahead of their record's broker time than the allowed skew: stored,
 *     but they moved the clock only up to that bound
 */
public record SampleCounts(long late, long tooOld, long duplicates, long unselected, long future) {}
