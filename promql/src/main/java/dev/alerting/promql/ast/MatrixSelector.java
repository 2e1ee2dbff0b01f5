package dev.alerting.promql.ast;

/** A range vector selector {@code selector[range]}; the offset lives on the inner selector. */
public record MatrixSelector(VectorSelector selector, long rangeMillis, int position)
    implements Expr {
  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }
}
