package dev.alerting.promql.binary;

import dev.alerting.promql.ast.Binary;
import dev.alerting.promql.ast.BinaryOp;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.UnsupportedEvaluationException;
import dev.alerting.promql.engine.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates binary expressions: scalar/scalar, vector/scalar and vector/vector (delegating matching
 * to {@link VectorMatcher}).
 */
public final class BinaryOperators {
  private BinaryOperators() {}

  /** A comparison operator applied to two floats, as PromQL compares (NaN compares unequal). */
  public static boolean compare(BinaryOp op, double l, double r) {
    return Arithmetic.compare(op, l, r);
  }

  public static Value evaluate(Binary b, Value lhs, Value rhs, long t) {
    BinaryOp op = b.op();
    if (hasHistogram(lhs) || hasHistogram(rhs)) {
      throw new UnsupportedEvaluationException(
          "binary operators on native histograms are not supported");
    }
    if (lhs instanceof Value.Scalar l && rhs instanceof Value.Scalar r) {
      double v =
          op.isComparison()
              ? (Arithmetic.compare(op, l.value(), r.value()) ? 1 : 0)
              : Arithmetic.apply(op, l.value(), r.value());
      return new Value.Scalar(v);
    }
    if (lhs instanceof Value.Vector l && rhs instanceof Value.Vector r) {
      return new Value.Vector(VectorMatcher.evaluate(b, l.samples(), r.samples(), t));
    }
    if (lhs instanceof Value.Vector l) {
      return new Value.Vector(withScalar(b, l.samples(), ((Value.Scalar) rhs).value(), false, t));
    }
    return new Value.Vector(
        withScalar(b, ((Value.Vector) rhs).samples(), ((Value.Scalar) lhs).value(), true, t));
  }

  private static boolean hasHistogram(Value v) {
    if (v instanceof Value.Vector vec) {
      for (InstantSample s : vec.samples()) {
        if (s.isHistogram()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Vector op scalar (or scalar op vector when {@code swapped}). Comparisons without bool filter
   * and keep the vector's value and name; everything else drops the metric name.
   */
  private static List<InstantSample> withScalar(
      Binary b, List<InstantSample> vector, double scalar, boolean swapped, long t) {
    BinaryOp op = b.op();
    List<InstantSample> out = new ArrayList<>(vector.size());
    for (InstantSample s : vector) {
      double l = swapped ? scalar : s.value();
      double r = swapped ? s.value() : scalar;
      if (op.isComparison()) {
        boolean keep = Arithmetic.compare(op, l, r);
        if (b.returnBool()) {
          out.add(s.droppingName(keep ? 1 : 0, t));
        } else if (keep) {
          out.add(s.with(s.value(), t));
        }
      } else {
        out.add(s.droppingName(Arithmetic.apply(op, l, r), t));
      }
    }
    return out;
  }
}
