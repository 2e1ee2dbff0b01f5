package dev.alerting.rule.engine;

/**
 * How a {@link RuleEngine} runs, apart from its rules.
 *
 * @param writeAlertSeries write {@code ALERTS} series always (for queries from outside the rules),
 *     not only when some rule reads them
 * @param maxSeriesPerRule the most elements one rule evaluation may produce ({@code
 *     RULES_MAX_SERIES_PER_RULE}); a group's {@code limit} may lower it for its rules
 * @param incremental evaluate an alerting rule whose expression is per series and steady ({@code x
 *     > 90}) only on the series a poll changed, keeping the other series' results; false evaluates
 *     every rule over all its series (same results, slower; for comparison)
 * @param compressSamples keep float samples Gorilla-compressed in the series windows ({@code
 *     RULES_STORAGE_COMPRESSION}): about a seventh of the bytes per sample on scraped data, for
 *     decoding at each window read
 * @param groupEvaluation with {@code incremental}, also evaluate an alerting rule whose input
 *     splits into independent groups ({@code rate(a[5m]) / rate(b[5m]) > 0.05}, {@code
 *     histogram_quantile(0.95, rate(b[5m])) > 2}, {@code rate(x[5m]) < 0.1}, {@code sum by (job)
 *     (x) > 5}) only on the groups a poll changed, keeping the others' elements from their latest
 *     evaluation, refreshed at every tick and at least once per group interval ({@code
 *     RULES_GROUP_EVALUATION}); false evaluates such rules over all their series at every instant
 */
public record EngineOptions(
    boolean writeAlertSeries,
    int maxSeriesPerRule,
    boolean incremental,
    boolean compressSamples,
    boolean groupEvaluation) {
  /** No cap on series per rule. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  /** {@code ALERTS} only when read, no cap: what tests and the promtool runner use. */
  public static final EngineOptions DEFAULTS = new EngineOptions(false, UNLIMITED);

  /** Incremental evaluation on. */
  public EngineOptions(boolean writeAlertSeries, int maxSeriesPerRule) {
    this(writeAlertSeries, maxSeriesPerRule, true);
  }

  /** Samples uncompressed. */
  public EngineOptions(boolean writeAlertSeries, int maxSeriesPerRule, boolean incremental) {
    this(writeAlertSeries, maxSeriesPerRule, incremental, false);
  }

  /**
   * Rules that combine series evaluated over all their series at every instant: the same result at
   * every instant as evaluating the whole rule (tests, the promtool runner).
   */
  public EngineOptions(
      boolean writeAlertSeries, int maxSeriesPerRule, boolean incremental, boolean compress) {
    this(writeAlertSeries, maxSeriesPerRule, incremental, compress, false);
  }

  public EngineOptions {
    if (maxSeriesPerRule < 1) {
      throw new IllegalArgumentException(
          "maxSeriesPerRule must be at least 1, not " + maxSeriesPerRule);
    }
  }
}
