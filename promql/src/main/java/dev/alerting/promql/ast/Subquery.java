package dev.alerting.promql.ast;

/**
 * A subquery {@code expr[range:step] offset d @ t}: {@code expr} evaluated at every multiple of
 * {@code stepMillis} in the left-open window (t-offset-range, t-offset]; {@code stepMillis} 0 means
 * the default step; {@code at} is the {@code @} modifier or null.
 */
public record Subquery(
    Expr expr, long rangeMillis, long stepMillis, long offsetMillis, At at, int position)
    implements Expr {
  /** The step of {@code [range:]}: 1 minute (Prometheus uses its global evaluation interval). */
  public static final long DEFAULT_STEP_MILLIS = 60_000;

  /** The step this subquery evaluates at. */
  public long effectiveStepMillis() {
    return stepMillis > 0 ? stepMillis : DEFAULT_STEP_MILLIS;
  }

  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }

  public Subquery withOffset(long offset) {
    return new Subquery(expr, rangeMillis, stepMillis, offset, at, position);
  }

  public Subquery withAt(At newAt) {
    return new Subquery(expr, rangeMillis, stepMillis, offsetMillis, newAt, position);
  }
}
