package dev.alerting.promql.histogram;

import dev.alerting.model.sample.CounterResetHint;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.promql.engine.UnsupportedEvaluationException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Sums, differences and scaling of native histograms as Prometheus's {@code FloatHistogram}: the
 * result has the lower of the two schemas (finer buckets merge), the larger zero threshold (buckets
 * below it fold into the zero bucket) and, for custom buckets, the same bounds. Results keep every
 * bucket either operand had; compaction is the caller's choice.
 */
public final class HistogramArithmetic {
  private HistogramArithmetic() {}

  /** Thrown when two histograms cannot be combined: exponential with custom buckets. */
  public static final class IncompatibleHistograms extends RuntimeException {
    IncompatibleHistograms(String message) {
      super(message);
    }
  }

  public static FloatHistogram add(FloatHistogram a, FloatHistogram b) {
    return combine(a, b, 1);
  }

  public static FloatHistogram subtract(FloatHistogram a, FloatHistogram b) {
    return combine(a, b, -1);
  }

  /** Every count and the sum times {@code factor}; the hint is kept. */
  public static FloatHistogram multiply(FloatHistogram h, double factor) {
    return scale(h, factor, false);
  }

  /** Every count and the sum divided by {@code divisor}; the hint is kept. */
  public static FloatHistogram divide(FloatHistogram h, double divisor) {
    return scale(h, divisor, true);
  }

  private static FloatHistogram scale(FloatHistogram h, double factor, boolean divide) {
    Buckets p = Buckets.positive(h);
    Buckets n = Buckets.negative(h);
    p.scale(factor, divide);
    n.scale(factor, divide);
    return h.toBuilder()
        .count(divide ? h.count() / factor : h.count() * factor)
        .sum(divide ? h.sum() / factor : h.sum() * factor)
        .zeroCount(divide ? h.zeroCount() / factor : h.zeroCount() * factor)
        .positive(p.spans(), p.values())
        .negative(n.spans(), n.values())
        .build();
  }

  /** {@code h} without buckets of count 0, spans merged. */
  public static FloatHistogram compact(FloatHistogram h) {
    Buckets p = Buckets.positive(h);
    Buckets n = Buckets.negative(h);
    p.compact();
    n.compact();
    return h.toBuilder().positive(p.spans(), p.values()).negative(n.spans(), n.values()).build();
  }

  /** {@code h} at a coarser exponential {@code schema} (no-op for custom buckets). */
  public static FloatHistogram toSchema(FloatHistogram h, int schema) {
    if (h.usesCustomBuckets() || h.schema() == schema) {
      return h;
    }
    if (schema > h.schema()) {
      throw new IllegalArgumentException("cannot raise schema " + h.schema() + " to " + schema);
    }
    Buckets p = Buckets.positive(h).reduced(h.schema(), schema);
    Buckets n = Buckets.negative(h).reduced(h.schema(), schema);
    return h.toBuilder()
        .schema(schema)
        .positive(p.spans(), p.values())
        .negative(n.spans(), n.values())
        .build();
  }

  private static FloatHistogram combine(FloatHistogram a, FloatHistogram b, double sign) {
    if (a.usesCustomBuckets() != b.usesCustomBuckets()) {
      throw new IncompatibleHistograms(
          "vector contains a mix of histograms with exponential and custom buckets schemas");
    }
    if (a.usesCustomBuckets() && !Arrays.equals(a.customValues(), b.customValues())) {
      // Prometheus 3 reconciles differing custom bounds to their intersection; not done here.
      throw new UnsupportedEvaluationException(
          "combining histograms with different custom bucket bounds");
    }
    int schema = Math.min(a.schema(), b.schema());
    double threshold = Math.max(a.zeroThreshold(), b.zeroThreshold());
    Folded fa = fold(a, schema, threshold);
    Folded fb = fold(b, schema, threshold);
    // a populated bucket straddling the threshold in one operand widens it for both
    if (fa.threshold != fb.threshold) {
      threshold = Math.max(fa.threshold, fb.threshold);
      fa = fold(a, schema, threshold);
      fb = fold(b, schema, threshold);
    }
    Buckets p = fa.positive;
    Buckets n = fa.negative;
    p.add(fb.positive, sign);
    n.add(fb.negative, sign);
    return a.toBuilder()
        .counterResetHint(hint(a.counterResetHint(), b.counterResetHint()))
        .schema(schema)
        .zeroThreshold(fa.threshold)
        .zeroCount(fa.zeroCount + sign * fb.zeroCount)
        .count(a.count() + sign * b.count())
        .sum(a.sum() + sign * b.sum())
        .positive(p.spans(), p.values())
        .negative(n.spans(), n.values())
        .build();
  }

  /** Prometheus's rule for the hint of a sum: equal stays, gauge wins, anything else unknown. */
  private static CounterResetHint hint(CounterResetHint a, CounterResetHint b) {
    if (a == b) {
      return a;
    }
    if (a == CounterResetHint.GAUGE || b == CounterResetHint.GAUGE) {
      return CounterResetHint.GAUGE;
    }
    return CounterResetHint.UNKNOWN;
  }

  private record Folded(Buckets positive, Buckets negative, double zeroCount, double threshold) {}

  /**
   * The buckets of {@code h} at {@code schema} with those below {@code threshold} folded into the
   * zero bucket; the threshold grows to a populated bucket's upper bound when it falls inside it.
   */
  private static Folded fold(FloatHistogram h, int schema, double threshold) {
    Buckets p = Buckets.positive(h).reduced(h.schema(), schema);
    Buckets n = Buckets.negative(h).reduced(h.schema(), schema);
    double zero = h.zeroCount();
    if (h.usesCustomBuckets() || threshold <= h.zeroThreshold()) {
      return new Folded(p, n, zero, Math.max(threshold, h.zeroThreshold()));
    }
    double t = threshold;
    double[] moved = new double[2];
    t = foldSide(p, schema, t, moved, 0);
    t = foldSide(n, schema, t, moved, 1);
    return new Folded(p, n, zero + moved[0] + moved[1], t);
  }

  private static double foldSide(Buckets b, int schema, double threshold, double[] moved, int at) {
    Iterator<Map.Entry<Integer, Double>> it = b.counts.entrySet().iterator();
    double t = threshold;
    while (it.hasNext()) {
      Map.Entry<Integer, Double> e = it.next();
      double lower = BucketBounds.upper(e.getKey() - 1, schema);
      double upper = BucketBounds.upper(e.getKey(), schema);
      if (lower >= t) {
        break;
      }
      moved[at] += e.getValue();
      it.remove();
      if (upper > t) {
        if (e.getValue() != 0) {
          t = upper;
        }
        break;
      }
    }
    return t;
  }
}
