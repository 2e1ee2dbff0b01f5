package dev.alerting.promql.engine;

/**
 * The bounds of the query an evaluation belongs to, what {@code start()}, {@code end()}, {@code
 * range()}, {@code step()} and {@code @ start()}/{@code @ end()} read. A rule is an instant query:
 * start = end = its evaluation time, step 0.
 */
public record QueryWindow(long start, long end, long step) {
  public QueryWindow {
    if (end < start || step < 0) {
      throw new IllegalArgumentException(
          "bad query window " + start + ".." + end + " step " + step);
    }
  }

  /** An instant query at {@code t}. */
  public static QueryWindow instant(long t) {
    return new QueryWindow(t, t, 0);
  }

  public long range() {
    return end - start;
  }
}
