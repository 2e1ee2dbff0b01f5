package dev.alerting.promql.histogram;

import dev.alerting.model.sample.FloatHistogram;
import java.util.TreeMap;

/**
 * Prometheus 3.x's trim operators: {@code h </ x} keeps the observations below {@code x}, {@code h
 * >/ x} those above. A bucket the cutoff falls into keeps the interpolated share of its count
 * (exponentially inside exponential buckets, linearly inside the zero bucket and custom buckets).
 * When anything is cut, the sum is estimated from what is kept: each bucket's count times the
 * geometric mean of its kept bounds (the midpoint in the zero bucket and custom buckets). The zero
 * bucket leans to the side that has buckets: [0, t] with positive buckets only, [-t, 0] with
 * negative ones only.
 */
public final class HistogramTrim {
  private HistogramTrim() {}

  /** {@code h} trimmed at {@code cutoff}; {@code keepBelow} for {@code </}. */
  public static FloatHistogram trim(FloatHistogram h, double cutoff, boolean keepBelow) {
    boolean custom = h.usesCustomBuckets();
    double zt = h.zeroThreshold();
    boolean changed = false;
    double count = 0;
    double sum = 0;
    double zero = 0;
    if (h.zeroCount() != 0) {
      double lower = h.positiveBucketCount() > 0 && h.negativeBucketCount() == 0 ? 0 : -zt;
      double upper = h.negativeBucketCount() > 0 && h.positiveBucketCount() == 0 ? 0 : zt;
      Kept k = keep(lower, upper, h.zeroCount(), cutoff, keepBelow, true);
      changed |= k.changed;
      zero = k.count;
      count += k.count;
      sum += k.count * k.value;
    }
    TreeMap<Integer, Double> positive = new TreeMap<>();
    int[] pIndexes = h.positiveBucketIndexes();
    for (int i = 0; i < pIndexes.length; i++) {
      double lower = BucketBounds.lower(h, pIndexes[i]);
      double upper = BucketBounds.upper(h, pIndexes[i]);
      // the first custom bucket starts at 0 when it reaches above 0, except for a cut below 0
      // from below: that falls into its infinite part and drops it (Prometheus 3.x)
      if (custom
          && lower == Double.NEGATIVE_INFINITY
          && upper > 0
          && upper != Double.POSITIVE_INFINITY
          && (keepBelow || cutoff >= 0)) {
        lower = 0;
      }
      Kept k = keep(lower, upper, h.positiveBucket(i), cutoff, keepBelow, custom);
      changed |= k.changed;
      positive.put(pIndexes[i], k.count);
      count += k.count;
      sum += k.count == 0 ? 0 : k.count * k.value;
    }
    TreeMap<Integer, Double> negative = new TreeMap<>();
    int[] nIndexes = h.negativeBucketIndexes();
    for (int i = 0; i < nIndexes.length; i++) {
      double lower = -BucketBounds.upper(nIndexes[i], h.schema());
      double upper = -BucketBounds.upper(nIndexes[i] - 1, h.schema());
      Kept k = keep(lower, upper, h.negativeBucket(i), cutoff, keepBelow, false);
      changed |= k.changed;
      negative.put(nIndexes[i], k.count);
      count += k.count;
      sum += k.count == 0 ? 0 : k.count * k.value;
    }
    if (!changed) {
      return h;
    }
    Buckets p = new Buckets();
    p.counts.putAll(positive);
    Buckets n = new Buckets();
    n.counts.putAll(negative);
    p.compact();
    n.compact();
    return h.toBuilder()
        .count(count)
        .sum(sum)
        .zeroCount(zero)
        .positive(p.spans(), p.values())
        .negative(n.spans(), n.values())
        .build();
  }

  /** What is kept of one bucket: its count and the value its observations stand for. */
  private record Kept(double count, double value, boolean changed) {}

  private static Kept keep(
      double lower, double upper, double count, double cutoff, boolean keepBelow, boolean linear) {
    boolean all = keepBelow ? upper <= cutoff : lower >= cutoff;
    boolean none = keepBelow ? lower >= cutoff : upper <= cutoff;
    if (all) {
      return new Kept(count, value(lower, upper, linear), false);
    }
    if (none) {
      return new Kept(0, 0, count != 0);
    }
    // the cutoff is inside the bucket
    if (lower == Double.NEGATIVE_INFINITY && upper == Double.POSITIVE_INFINITY) {
      return new Kept(0, 0, count != 0); // the one bucket (-Inf, +Inf] cut anywhere
    }
    if (lower == Double.NEGATIVE_INFINITY || upper == Double.POSITIVE_INFINITY) {
      boolean keepsInfiniteSide = keepBelow == (lower == Double.NEGATIVE_INFINITY);
      if (!keepsInfiniteSide) {
        return new Kept(0, 0, count != 0);
      }
      // an infinitely wide bucket cut on its infinite side keeps all its observations, taken to
      // sit at the cutoff
      return new Kept(count, cutoff, count != 0);
    }
    double fraction = fractionBelow(lower, upper, cutoff, linear);
    double share = keepBelow ? fraction : 1 - fraction;
    double keptLower = keepBelow ? lower : cutoff;
    double keptUpper = keepBelow ? cutoff : upper;
    return new Kept(count * share, value(keptLower, keptUpper, linear), true);
  }

  private static double fractionBelow(double lower, double upper, double x, boolean linear) {
    if (linear) {
      return (x - lower) / (upper - lower);
    }
    double logLower = Math.log(Math.abs(lower));
    double logUpper = Math.log(Math.abs(upper));
    double logX = Math.log(Math.abs(x));
    if (lower > 0) {
      return (logX - logLower) / (logUpper - logLower);
    }
    // negative bucket: |lower| > |upper|
    return (logLower - logX) / (logLower - logUpper);
  }

  /** The value a bucket's observations stand for in the estimated sum. */
  private static double value(double lower, double upper, boolean linear) {
    if (lower == Double.NEGATIVE_INFINITY) {
      return upper;
    }
    if (upper == Double.POSITIVE_INFINITY) {
      return lower;
    }
    if (linear) {
      return (lower + upper) / 2;
    }
    double g = Math.sqrt(lower * upper);
    return upper <= 0 ? -g : g;
  }
}
