package dev.alerting.promql.binary;

import dev.alerting.promql.ast.BinaryOp;

/**
 * Element-wise operator semantics shared by scalar and vector operands, matching Go's float64
 * behaviour.
 */
public final class Arithmetic {
  private Arithmetic() {}

  /** Arithmetic result, or for comparisons the left value (the caller decides what to keep). */
  public static double apply(BinaryOp op, double l, double r) {
    return switch (op) {
      case ADD -> l + r;
      case SUB -> l - r;
      case MUL -> l * r;
      case DIV -> l / r;
      case MOD -> l % r;
      case POW -> pow(l, r);
      case ATAN2 -> Math.atan2(l, r);
      default -> l;
    };
  }

  static boolean compare(BinaryOp op, double l, double r) {
    return switch (op) {
      case EQL -> l == r;
      case NEQ -> l != r;
      case GTR -> l > r;
      case LSS -> l < r;
      case GTE -> l >= r;
      case LTE -> l <= r;
      default -> throw new IllegalArgumentException(op.symbol());
    };
  }

  /** Go's math.Pow differs from Java's for a base of 1 or -1 with NaN/infinite exponents. */
  static double pow(double x, double y) {
    if (x == 1 || y == 0) {
      return 1;
    }
    if (x == -1 && Double.isInfinite(y)) {
      return 1;
    }
    return Math.pow(x, y);
  }
}
