package dev.alerting.promql.upstream;

import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.promql.conformance.Tolerance;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares native histograms as upstream's promqltest does after compacting both: same schema and
 * zero threshold, the same custom bounds, count, sum, zero count and every non-empty bucket within
 * {@link Tolerance}; empty buckets and the span layout do not matter, nor the counter reset hint.
 */
final class HistogramCheck {
  private HistogramCheck() {}

  static boolean matches(FloatHistogram want, FloatHistogram got) {
    return want.schema() == got.schema()
        && Tolerance.close(want.count(), got.count())
        && Tolerance.close(want.sum(), got.sum())
        && (!want.usesCustomBuckets() || Arrays.equals(want.customValues(), got.customValues()))
        && want.zeroThreshold() == got.zeroThreshold()
        && Tolerance.close(want.zeroCount(), got.zeroCount())
        && sameBuckets(
            nonEmpty(want.positiveBucketIndexes(), want.positiveBuckets()),
            nonEmpty(got.positiveBucketIndexes(), got.positiveBuckets()))
        && sameBuckets(
            nonEmpty(want.negativeBucketIndexes(), want.negativeBuckets()),
            nonEmpty(got.negativeBucketIndexes(), got.negativeBuckets()));
  }

  private static Map<Integer, Double> nonEmpty(int[] indexes, double[] counts) {
    Map<Integer, Double> out = new TreeMap<>();
    for (int i = 0; i < indexes.length; i++) {
      if (counts[i] != 0) {
        out.put(indexes[i], counts[i]);
      }
    }
    return out;
  }

  private static boolean sameBuckets(Map<Integer, Double> want, Map<Integer, Double> got) {
    if (!want.keySet().equals(got.keySet())) {
      return false;
    }
    for (Map.Entry<Integer, Double> e : want.entrySet()) {
      if (!Tolerance.close(e.getValue(), got.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
