package dev.alerting.promql.ast;

/** A parenthesised expression. */
public record Paren(Expr expr, int position) implements Expr {
  @Override
  public ValueType type() {
    return expr.type();
  }
}
