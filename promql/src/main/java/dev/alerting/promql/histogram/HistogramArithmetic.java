package dev.alerting.promql.histogram;

import dev.alerting.model.sample.CounterResetHint;
import dev.alerting.model.sample.FloatHistogram;
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
    if (divide && factor == 0) {
      // as Prometheus's Div: dividing by zero removes every bucket
      p = new Buckets();
      n = new Buckets();
    }
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

  /**
   * Whether two histograms are equal as Prometheus's {@code Equals} after compaction: every field
   * but the counter reset hint, NaN equal to NaN.
   */
  public static boolean equal(FloatHistogram a, FloatHistogram b) {
    FloatHistogram ca = compact(a).withCounterResetHint(b.counterResetHint());
    FloatHistogram cb = compact(b);
    return ca.equals(cb);
  }

  /** {@code h} re-bucketed to {@code bounds}, a subset of its own custom bounds. */
  public static FloatHistogram toCustomBounds(FloatHistogram h, double[] bounds) {
    int[] indexes = h.positiveBucketIndexes();
    Buckets out = new Buckets();
    for (int i = 0; i < indexes.length; i++) {
      double upper = BucketBounds.upper(h, indexes[i]);
      int at = Arrays.binarySearch(bounds, upper);
      int target = at >= 0 ? at : -at - 1;
      out.counts.merge(target, h.positiveBucket(i), Double::sum);
    }
    return h.toBuilder().customValues(bounds).positive(out.spans(), out.values()).build();
  }

  private static double[] intersection(double[] a, double[] b) {
    return Arrays.stream(a).filter(v -> Arrays.binarySearch(b, v) >= 0).toArray();
  }

  /**
   * Whether {@code curr} starts anew after {@code prev}, as Prometheus's {@code DetectReset}: the
   * hint decides when it says reset or not; otherwise a lower count, a finer schema, a lower zero
   * threshold, other custom bounds, or any bucket (at {@code curr}'s layout) lower than before.
   */
  public static boolean detectReset(FloatHistogram curr, FloatHistogram prev) {
    if (curr.counterResetHint() == CounterResetHint.COUNTER_RESET) {
      return true;
    }
    if (curr.counterResetHint() == CounterResetHint.NOT_COUNTER_RESET) {
      return false;
    }
    if (curr.count() < prev.count()) {
      return true;
    }
    if (curr.usesCustomBuckets() != prev.usesCustomBuckets()) {
      return true;
    }
    if (curr.usesCustomBuckets() && !Arrays.equals(curr.customValues(), prev.customValues())) {
      // Prometheus 3 compares differing custom bounds on the bounds both have
      double[] common = intersection(curr.customValues(), prev.customValues());
      curr = toCustomBounds(curr, common);
      prev = toCustomBounds(prev, common);
    }
    if (curr.schema() > prev.schema() || curr.zeroThreshold() < prev.zeroThreshold()) {
      return true;
    }
    Folded before = fold(prev, curr.schema(), curr.zeroThreshold());
    if (before.threshold != curr.zeroThreshold() || curr.zeroCount() < before.zeroCount) {
      return true;
    }
    Folded now = fold(curr, curr.schema(), curr.zeroThreshold());
    return lower(now.positive, before.positive) || lower(now.negative, before.negative);
  }

  private static boolean lower(Buckets now, Buckets before) {
    for (Map.Entry<Integer, Double> e : before.counts.entrySet()) {
      if (e.getValue() > 0 && now.counts.getOrDefault(e.getKey(), 0.0) < e.getValue()) {
        return true;
      }
    }
    return false;
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
      // Prometheus 3 reconciles differing custom bounds to the bounds both have
      double[] common = intersection(a.customValues(), b.customValues());
      a = toCustomBounds(a, common);
      b = toCustomBounds(b, common);
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
  static CounterResetHint hint(CounterResetHint a, CounterResetHint b) {
    if (a == b) {
      return a;
    }
    if (a == CounterResetHint.GAUGE || b == CounterResetHint.GAUGE) {
      return CounterResetHint.GAUGE;
    }
    return CounterResetHint.UNKNOWN;
  }

  /** The zero threshold {@code h} needs at {@code schema} to take at least {@code threshold}. */
  static double fittingThreshold(FloatHistogram h, int schema, double threshold) {
    return fold(h, schema, threshold).threshold;
  }

  /** {@code h} at {@code schema} with zero threshold {@code threshold} (which must fit it). */
  static FloatHistogram withLayout(FloatHistogram h, int schema, double threshold) {
    Folded f = fold(h, schema, threshold);
    return h.toBuilder()
        .schema(schema)
        .zeroThreshold(f.threshold)
        .zeroCount(f.zeroCount)
        .positive(f.positive.spans(), f.positive.values())
        .negative(f.negative.spans(), f.negative.values())
        .build();
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
