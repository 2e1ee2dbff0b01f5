package dev.alerting.promql.ast;

/**
 * The {@code @} modifier: a selector or subquery read at a fixed time instead of the evaluation
 * time. {@code @ start()} and {@code @ end()} take the query's bounds, which for a rule are both
 * its evaluation time.
 */
public record At(Kind kind, long millis) {
  /** A fixed time, or one of the query's bounds. */
  public enum Kind {
    TIME,
    START,
    END
  }

  public static At time(long millis) {
    return new At(Kind.TIME, millis);
  }
}
