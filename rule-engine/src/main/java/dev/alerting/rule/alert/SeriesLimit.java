package dev.alerting.rule.alert;

/**
 * The most elements one evaluation of a rule may produce: the engine's cap ({@code
 * RULES_MAX_SERIES_PER_RULE}) or the rule group's {@code limit}, whichever is lower. An evaluation
 * over it is refused as an error, so a runaway selector cannot flood the store or the alerts topic.
 */
public record SeriesLimit(int max) {
  /** No limit: the promtool runner and tests. */
  public static final SeriesLimit NONE = new SeriesLimit(Integer.MAX_VALUE);

  public SeriesLimit {
    if (max < 1) {
      throw new IllegalArgumentException("series limit must be at least 1, not " + max);
    }
  }

  /** The lower of the engine's {@code cap} and a group {@code limit} (0 = none, as Prometheus). */
  public static SeriesLimit of(int cap, int groupLimit) {
    return new SeriesLimit(groupLimit > 0 ? Math.min(cap, groupLimit) : cap);
  }

  /** The error refusing an evaluation that produced {@code series} elements, or null if allowed. */
  public String refusal(int series) {
    return series > max ? "series limit " + max + " exceeded: " + series + " series" : null;
  }
}
