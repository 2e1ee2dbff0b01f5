package dev.alerting.rule.engine;

/**
 * A rule started or stopped being refused for producing more series than its {@link
 * dev.alerting.rule.alert.SeriesLimit}: what the driver logs, once per change rather than once per
 * evaluation.
 *
 * @param exceeded true when the rule starts being refused, false when it is back under the limit
 * @param message the refusal ({@code series limit N exceeded: M series}) or the recovery
 */
public record SeriesLimitChange(String group, String rule, boolean exceeded, String message) {}
