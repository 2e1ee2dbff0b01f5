package dev.alerting.promql.histogram;

import dev.alerting.model.sample.CounterResetHint;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.promql.engine.KahanSum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The sum or mean of several histograms, field by field with compensated (Kahan) summation as
 * Prometheus 3 adds histograms in sum and avg; the mean switches to an incremental mean when the
 * sum overflows, as for floats. All are first brought to one layout: the lowest schema, the zero
 * threshold that fits them all, and for custom buckets the bounds they share.
 */
public final class HistogramGroup {
  private HistogramGroup() {}

  public static FloatHistogram sum(List<FloatHistogram> hs) {
    return reduce(hs, false);
  }

  public static FloatHistogram mean(List<FloatHistogram> hs) {
    return reduce(hs, true);
  }

  private static FloatHistogram reduce(List<FloatHistogram> in, boolean mean) {
    List<FloatHistogram> hs = common(in);
    int n = hs.size();
    double[] count = new double[n];
    double[] sum = new double[n];
    double[] zero = new double[n];
    TreeMap<Integer, double[]> positive = new TreeMap<>();
    TreeMap<Integer, double[]> negative = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      FloatHistogram h = hs.get(i);
      count[i] = h.count();
      sum[i] = h.sum();
      zero[i] = h.zeroCount();
      collect(positive, h.positiveBucketIndexes(), h.positiveBuckets(), i, n);
      collect(negative, h.negativeBucketIndexes(), h.negativeBuckets(), i, n);
    }
    Buckets p = new Buckets();
    Buckets m = new Buckets();
    positive.forEach((index, values) -> p.counts.put(index, value(values, mean)));
    negative.forEach((index, values) -> m.counts.put(index, value(values, mean)));
    FloatHistogram first = hs.get(0);
    CounterResetHint hint = first.counterResetHint();
    for (int i = 1; i < n; i++) {
      hint = HistogramArithmetic.hint(hint, hs.get(i).counterResetHint());
    }
    return first.toBuilder()
        .counterResetHint(hint)
        .count(value(count, mean))
        .sum(value(sum, mean))
        .zeroCount(value(zero, mean))
        .positive(p.spans(), p.values())
        .negative(m.spans(), m.values())
        .build();
  }

  private static void collect(
      TreeMap<Integer, double[]> side, int[] indexes, double[] values, int i, int n) {
    for (int k = 0; k < indexes.length; k++) {
      side.computeIfAbsent(indexes[k], x -> new double[n])[i] += values[k];
    }
  }

  private static double value(double[] values, boolean mean) {
    if (mean) {
      return KahanSum.mean(values, values.length);
    }
    KahanSum k = new KahanSum();
    for (double v : values) {
      k.add(v);
    }
    return k.value();
  }

  /** The histograms in one layout; throws IncompatibleHistograms for exponential with custom. */
  static List<FloatHistogram> common(List<FloatHistogram> hs) {
    boolean custom = hs.get(0).usesCustomBuckets();
    for (FloatHistogram h : hs) {
      if (h.usesCustomBuckets() != custom) {
        throw new HistogramArithmetic.IncompatibleHistograms(
            "vector contains a mix of histograms with exponential and custom buckets schemas");
      }
    }
    List<FloatHistogram> out = new ArrayList<>(hs.size());
    if (custom) {
      double[] bounds = hs.get(0).customValues();
      for (FloatHistogram h : hs) {
        double[] other = h.customValues();
        bounds = Arrays.stream(bounds).filter(v -> Arrays.binarySearch(other, v) >= 0).toArray();
      }
      for (FloatHistogram h : hs) {
        out.add(
            Arrays.equals(h.customValues(), bounds)
                ? h
                : HistogramArithmetic.toCustomBounds(h, bounds));
      }
      return out;
    }
    int schema = Integer.MAX_VALUE;
    double threshold = 0;
    for (FloatHistogram h : hs) {
      schema = Math.min(schema, h.schema());
      threshold = Math.max(threshold, h.zeroThreshold());
    }
    // a populated bucket straddling the threshold widens it for all, until it settles
    double settled;
    do {
      settled = threshold;
      for (FloatHistogram h : hs) {
        threshold = Math.max(threshold, HistogramArithmetic.fittingThreshold(h, schema, threshold));
      }
    } while (threshold != settled);
    for (FloatHistogram h : hs) {
      out.add(HistogramArithmetic.withLayout(h, schema, threshold));
    }
    return out;
  }
}
