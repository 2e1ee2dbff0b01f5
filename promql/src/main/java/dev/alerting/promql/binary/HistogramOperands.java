package dev.alerting.promql.binary;

import dev.alerting.model.sample.CounterResetHint;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.promql.ast.BinaryOp;
import dev.alerting.promql.histogram.HistogramArithmetic;
import dev.alerting.promql.histogram.HistogramTrim;

/**
 * A binary operator on two elements at least one of which is a native histogram, as Prometheus 3's
 * {@code vectorElemBinop}: histogram + or - histogram, histogram * float (either side), histogram /
 * float, and == / != between histograms. Every other pairing drops the element (Prometheus adds an
 * info annotation), as does adding histograms of exponential and custom buckets.
 */
final class HistogramOperands {
  private HistogramOperands() {}

  /**
   * The result: a {@link Double}, a {@link FloatHistogram}, or null when the element is dropped.
   * {@code lh}/{@code rh} are the operands' histograms (null for a float operand).
   */
  static Object combine(
      BinaryOp op, boolean returnBool, double l, FloatHistogram lh, double r, FloatHistogram rh) {
    if (op.isTrim()) {
      return lh != null && rh == null ? HistogramTrim.trim(lh, r, op == BinaryOp.TRIM_UPPER) : null;
    }
    if (op.isComparison()) {
      if (lh == null || rh == null || (op != BinaryOp.EQL && op != BinaryOp.NEQ)) {
        return null;
      }
      boolean keep = HistogramArithmetic.equal(lh, rh) == (op == BinaryOp.EQL);
      if (returnBool) {
        return keep ? 1.0 : 0.0;
      }
      return keep ? lh : null;
    }
    try {
      return switch (op) {
        case ADD -> lh != null && rh != null ? HistogramArithmetic.add(lh, rh) : null;
        case SUB ->
            lh != null && rh != null
                ? HistogramArithmetic.subtract(lh, rh).withCounterResetHint(CounterResetHint.GAUGE)
                : null;
        case MUL -> {
          if (lh != null && rh == null) {
            yield HistogramArithmetic.multiply(lh, r);
          }
          yield lh == null && rh != null ? HistogramArithmetic.multiply(rh, l) : null;
        }
        case DIV -> lh != null && rh == null ? HistogramArithmetic.divide(lh, r) : null;
        default -> null;
      };
    } catch (HistogramArithmetic.IncompatibleHistograms e) {
      return null;
    }
  }
}
