package dev.alerting.promql.ast;

/** A float literal such as {@code 1}, {@code 1e3}, {@code 0x1f}, {@code Inf} or {@code NaN}. */
public record NumberLiteral(double value, int position) implements Expr {
  @Override
  public ValueType type() {
    return ValueType.SCALAR;
  }
}
