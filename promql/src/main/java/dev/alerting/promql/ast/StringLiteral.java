package dev.alerting.promql.ast;

/** A string literal; only valid as a function argument (e.g. in {@code label_replace}). */
public record StringLiteral(String value, int position) implements Expr {
  @Override
  public ValueType type() {
    return ValueType.STRING;
  }
}
