package dev.alerting.promql.ast;

/** Unary minus; on vectors it drops the metric name, as in Prometheus. */
public record Negation(Expr expr, int position) implements Expr {
  @Override
  public ValueType type() {
    return expr.type();
  }
}
