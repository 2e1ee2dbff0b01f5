package dev.alerting.promql.histogram;

import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.promql.engine.KahanSum;
import java.util.List;

/**
 * Estimates from one native histogram as Prometheus 3 computes them: quantiles and fractions
 * interpolate exponentially inside exponential buckets and linearly inside custom buckets and the
 * zero bucket; the variance takes each bucket's geometric mean (arithmetic for custom buckets, 0
 * for the zero bucket) as its observations' value.
 */
public final class HistogramStatistics {
  private HistogramStatistics() {}

  public static double quantile(double q, FloatHistogram h) {
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    if (h.count() == 0 || Double.isNaN(q)) {
      return Double.NaN;
    }
    List<Bucket> buckets = BucketList.ascending(h);
    // NaN observations count in h.count but in no bucket: only the forward walk is right then
    boolean forward = Double.isNaN(h.sum()) || q < 0.5;
    double rank = forward ? q * h.count() : (1 - q) * h.count();
    double count = 0;
    Bucket bucket = new Bucket(0, 0, 0);
    for (int i = 0; i < buckets.size(); i++) {
      Bucket b = buckets.get(forward ? i : buckets.size() - 1 - i);
      bucket = b;
      if (b.count() == 0) {
        continue;
      }
      count += b.count();
      if (count >= rank) {
        break;
      }
    }
    double lower = bucket.lower();
    double upper = bucket.upper();
    if (!h.usesCustomBuckets() && lower < 0 && upper > 0) {
      if (h.negativeBucketCount() == 0 && h.positiveBucketCount() > 0) {
        lower = 0;
      } else if (h.positiveBucketCount() == 0 && h.negativeBucketCount() > 0) {
        upper = 0;
      }
    } else if (h.usesCustomBuckets()) {
      if (lower == Double.NEGATIVE_INFINITY) {
        if (upper <= 0) {
          return upper;
        }
        lower = 0;
      } else if (upper == Double.POSITIVE_INFINITY) {
        return lower;
      }
    }
    count = Math.min(count, h.count());
    if (count < rank) {
      // only NaN observations (counted, in no bucket) leave the rank unreached: the quantile is
      // one of them (Prometheus 3)
      return Double.isNaN(h.sum()) ? Double.NaN : upper;
    }
    rank = forward ? rank - (count - bucket.count()) : count - rank;
    double fraction = rank / bucket.count();
    if (h.usesCustomBuckets() || (lower <= 0 && upper >= 0)) {
      return lower + (upper - lower) * fraction;
    }
    double logLower = log2(Math.abs(lower));
    double logUpper = log2(Math.abs(upper));
    if (lower > 0) {
      return Math.pow(2, logLower + (logUpper - logLower) * fraction);
    }
    return -Math.pow(2, logUpper + (logLower - logUpper) * (1 - fraction));
  }

  public static double fraction(double lower, double upper, FloatHistogram h) {
    if (h.count() == 0 || Double.isNaN(lower) || Double.isNaN(upper)) {
      return Double.NaN;
    }
    if (lower >= upper) {
      return 0;
    }
    double rank = 0;
    double lowerRank = 0;
    double upperRank = 0;
    boolean lowerSet = false;
    boolean upperSet = false;
    for (Bucket raw : BucketList.ascending(h)) {
      double bl = raw.lower();
      double bu = raw.upper();
      boolean zeroBucket = false;
      if (bl <= 0 && bu >= 0) {
        zeroBucket = true;
        if (h.negativeBucketCount() == 0 && h.positiveBucketCount() > 0) {
          bl = 0;
        } else if (h.positiveBucketCount() == 0 && h.negativeBucketCount() > 0) {
          bu = 0;
        }
      }
      Bucket b = new Bucket(bl, bu, raw.count());
      boolean linear = h.usesCustomBuckets() || zeroBucket;
      if (!lowerSet && bl >= lower) {
        lowerRank = rank;
        lowerSet = true;
      }
      if (!upperSet && bl >= upper) {
        upperRank = rank;
        upperSet = true;
      }
      if (lowerSet && upperSet) {
        break;
      }
      if (!lowerSet && bl < lower && bu > lower) {
        lowerRank = rank + b.count() * within(b, lower, linear);
        lowerSet = true;
      }
      if (!upperSet && bl < upper && bu > upper) {
        upperRank = rank + b.count() * within(b, upper, linear);
        upperSet = true;
      }
      if (lowerSet && upperSet) {
        break;
      }
      rank += b.count();
    }
    // NaN observations (a NaN sum) are in no bucket: no bound reaches them (Prometheus 3)
    double reachable = Double.isNaN(h.sum()) ? Math.min(bucketTotal(h), h.count()) : h.count();
    if (!lowerSet || lowerRank > reachable) {
      lowerRank = reachable;
    }
    if (!upperSet || upperRank > reachable) {
      upperRank = reachable;
    }
    return (upperRank - lowerRank) / h.count();
  }

  private static double bucketTotal(FloatHistogram h) {
    double total = h.zeroCount();
    for (int i = 0; i < h.positiveBucketCount(); i++) {
      total += h.positiveBucket(i);
    }
    for (int i = 0; i < h.negativeBucketCount(); i++) {
      total += h.negativeBucket(i);
    }
    return total;
  }

  /** How far into bucket {@code b} the value {@code v} lies, 0 to 1. */
  private static double within(Bucket b, double v, boolean linear) {
    if (linear) {
      // an infinitely wide bucket is not interpolated into: none of it lies inside the range
      if (b.lower() == Double.NEGATIVE_INFINITY) {
        return 1;
      }
      if (b.upper() == Double.POSITIVE_INFINITY) {
        return 0;
      }
      return (v - b.lower()) / (b.upper() - b.lower());
    }
    double logLower = log2(Math.abs(b.lower()));
    double logUpper = log2(Math.abs(b.upper()));
    double logV = log2(Math.abs(v));
    if (v > 0) {
      return (logV - logLower) / (logUpper - logLower);
    }
    return 1 - ((logV - logUpper) / (logLower - logUpper));
  }

  /** The estimated variance of the observations (NaN for an empty histogram). */
  public static double variance(FloatHistogram h) {
    double mean = h.sum() / h.count();
    KahanSum variance = new KahanSum();
    for (Bucket b : BucketList.ascending(h)) {
      if (b.count() == 0) {
        continue;
      }
      double value;
      if (h.usesCustomBuckets()) {
        value = (b.upper() + b.lower()) / 2.0;
      } else if (b.lower() <= 0 && b.upper() >= 0) {
        value = 0;
      } else {
        value = Math.sqrt(b.upper() * b.lower());
        if (b.upper() < 0) {
          value = -value;
        }
      }
      double delta = value - mean;
      variance.add(b.count() * delta * delta);
    }
    return variance.value() / h.count();
  }

  /** Exact for powers of two, as Go's {@code math.Log2}, so bucket bounds interpolate exactly. */
  private static double log2(double v) {
    if (!(v > 0) || Double.isInfinite(v) || v < Double.MIN_NORMAL) {
      return Math.log(v) / Math.log(2);
    }
    int exponent = Math.getExponent(v) + 1;
    double fraction = Math.scalb(v, -exponent);
    if (fraction == 0.5) {
      return exponent - 1;
    }
    return Math.log(fraction) * (1 / Math.log(2)) + exponent;
  }
}
