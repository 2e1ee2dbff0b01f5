package dev.alerting.rule.expr;

import dev.alerting.promql.ast.Binary;
import dev.alerting.promql.ast.BinaryOp;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.ast.NumberLiteral;
import dev.alerting.promql.ast.Paren;
import dev.alerting.promql.ast.VectorSelector;
import dev.alerting.promql.binary.BinaryOperators;

/**
 * A threshold rule's expression, {@code selector OP number} or {@code number OP selector} with a
 * comparison and no {@code bool} or {@code offset}: its element for one series is that series,
 * labels as they are, with its newest sample's value when that sample is in the lookback window,
 * not a stale marker, and passes the comparison. The engine then computes the element from the
 * newest sample instead of running the PromQL evaluator (same answer: a filter keeps the vector's
 * value and metric name).
 */
public final class SeriesThreshold {
  private final BinaryOp op;
  private final double threshold;
  private final boolean selectorLeft;

  private SeriesThreshold(BinaryOp op, double threshold, boolean selectorLeft) {
    this.op = op;
    this.threshold = threshold;
    this.selectorLeft = selectorLeft;
  }

  /** The threshold form of {@code expression}, or null when it has another shape. */
  public static SeriesThreshold of(Expression expression) {
    if (!(expression instanceof PromQLExpression p)
        || !(unwrap(p.expr()) instanceof Binary b)
        || !b.op().isComparison()
        || b.returnBool()) {
      return null;
    }
    Expr l = unwrap(b.lhs());
    Expr r = unwrap(b.rhs());
    if (l instanceof VectorSelector v && v.offsetMillis() == 0 && r instanceof NumberLiteral n) {
      return new SeriesThreshold(b.op(), n.value(), true);
    }
    if (r instanceof VectorSelector v && v.offsetMillis() == 0 && l instanceof NumberLiteral n) {
      return new SeriesThreshold(b.op(), n.value(), false);
    }
    return null;
  }

  private static Expr unwrap(Expr e) {
    while (e instanceof Paren p) {
      e = p.expr();
    }
    return e;
  }

  /** Whether a series whose newest sample in the window has value {@code v} yields an element. */
  public boolean keeps(double v) {
    double l = selectorLeft ? v : threshold;
    double r = selectorLeft ? threshold : v;
    return BinaryOperators.compare(op, l, r);
  }
}
