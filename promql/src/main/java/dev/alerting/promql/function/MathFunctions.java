package dev.alerting.promql.function;

import dev.alerting.promql.ast.Function;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** Element-wise functions on instant vectors; all drop the metric name, as in Prometheus. */
final class MathFunctions {
  private MathFunctions() {}

  static Value apply(Function f, List<Value> args, long t) {
    List<InstantSample> in = Functions.vector(args, 0);
    DoubleUnaryOperator op =
        switch (f) {
          case ABS -> Math::abs;
          case CEIL -> Math::ceil;
          case FLOOR -> Math::floor;
          case EXP -> Math::exp;
          case LN -> Math::log;
          case LOG2 -> MathFunctions::log2;
          case LOG10 -> Math::log10;
          case SQRT -> Math::sqrt;
          case SGN -> Math::signum;
          case SIN -> Math::sin;
          case COS -> Math::cos;
          case TAN -> Math::tan;
          case ASIN -> Math::asin;
          case ACOS -> Math::acos;
          case ATAN -> Math::atan;
          case SINH -> Math::sinh;
          case COSH -> Math::cosh;
          case TANH -> Math::tanh;
          case ASINH -> MathFunctions::asinh;
          case ACOSH -> MathFunctions::acosh;
          case ATANH -> MathFunctions::atanh;
          case DEG -> v -> v * 180 / Math.PI;
          case RAD -> v -> v * Math.PI / 180;
          case CLAMP_MIN -> {
            double min = Functions.scalar(args, 1);
            yield v -> Math.max(min, v);
          }
          case CLAMP_MAX -> {
            double max = Functions.scalar(args, 1);
            yield v -> Math.min(max, v);
          }
          case CLAMP -> {
            double min = Functions.scalar(args, 1);
            double max = Functions.scalar(args, 2);
            if (max < min) {
              yield null;
            }
            yield v -> Math.max(min, Math.min(max, v));
          }
          case ROUND -> {
            double toNearest = args.size() > 1 ? Functions.scalar(args, 1) : 1;
            double inverse = 1.0 / toNearest;
            yield v -> Math.floor(v * inverse + 0.5) / inverse;
          }
          default -> throw new IllegalArgumentException(f.functionName());
        };
    List<InstantSample> out = new ArrayList<>(in.size());
    if (op != null) {
      for (InstantSample s : in) {
        out.add(s.droppingName(op.applyAsDouble(s.value()), t));
      }
    }
    return new Value.Vector(out);
  }

  /** Java has no inverse hyperbolic functions; these keep precision near 0 through log1p. */
  static double asinh(double x) {
    if (Double.isInfinite(x) || Double.isNaN(x) || x == 0) {
      return x;
    }
    double a = Math.abs(x);
    double r =
        a > 1e8 ? Math.log(a) + Math.log(2) : Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
    return Math.copySign(r, x);
  }

  static double acosh(double x) {
    if (x < 1 || Double.isNaN(x)) {
      return Double.NaN;
    }
    return x > 1e8 ? Math.log(x) + Math.log(2) : Math.log(x + Math.sqrt(x * x - 1));
  }

  static double atanh(double x) {
    if (Math.abs(x) > 1 || Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x == 0) {
      return x;
    }
    return Math.copySign(0.5 * Math.log1p(2 * Math.abs(x) / (1 - Math.abs(x))), x);
  }

  /** Go's math.Log2: exact for powers of two, which Math.log(x)/Math.log(2) is not. */
  static double log2(double x) {
    if (!(x > 0) || Double.isInfinite(x) || x < Double.MIN_NORMAL) {
      return Math.log(x) / Math.log(2);
    }
    int exp = Math.getExponent(x) + 1;
    double frac = x / Math.pow(2, exp);
    if (frac == 0.5) {
      return exp - 1;
    }
    return Math.log(frac) * (1 / Math.log(2)) + exp;
  }
}
