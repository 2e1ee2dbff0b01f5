package dev.alerting.promql.ast;

/**
 * A binary operation. {@code matching} is null unless both sides are instant vectors; then it holds
 * the on/ignoring and group modifiers (defaults: ignoring nothing, one-to-one, or many-to-many for
 * set operators).
 */
public record Binary(
    BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching, int position)
    implements Expr {
  @Override
  public ValueType type() {
    return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR
        ? ValueType.SCALAR
        : ValueType.VECTOR;
  }
}
