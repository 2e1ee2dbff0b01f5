package dev.alerting.promql.ast;

/**
 * A subquery {@code expr[range:step] offset d}: {@code expr} evaluated at every multiple of {@code
 * stepMillis} in the left-open window (t-offset-range, t-offset]; {@code stepMillis} 0 means the
 * default step.
 */
public record Subquery(
    Expr expr, long rangeMillis, long stepMillis, long offsetMillis, int position) implements Expr {
  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }

  public Subquery withOffset(long offset) {
    return new Subquery(expr, rangeMillis, stepMillis, offset, position);
  }
}
