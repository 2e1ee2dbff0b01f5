package dev.alerting.model.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a histogram in Prometheus's test notation: fields that are zero are left out, and each
 * side's buckets are written as one run from the first bucket's index, gaps filled with zeros.
 */
final class HistogramNotation {

  private HistogramNotation() {}

  static String format(FloatHistogram h) {
    List<String> parts = new ArrayList<>();
    if (h.schema() != 0) {
      parts.add("schema:" + h.schema());
    }
    addIfNonZero(parts, "count", h.count());
    addIfNonZero(parts, "sum", h.sum());
    addIfNonZero(parts, "z_bucket", h.zeroCount());
    addIfNonZero(parts, "z_bucket_w", h.zeroThreshold());
    if (h.usesCustomBuckets()) {
      parts.add("custom_values:" + list(h.customValues()));
    }
    if (h.counterResetHint() != CounterResetHint.UNKNOWN) {
      parts.add("counter_reset_hint:" + h.counterResetHint().notation());
    }
    addBuckets(parts, "buckets", "offset", h.positiveBucketIndexes(), h.positiveBuckets());
    addBuckets(parts, "n_buckets", "n_offset", h.negativeBucketIndexes(), h.negativeBuckets());
    return "{{" + String.join(" ", parts) + "}}";
  }

  private static void addIfNonZero(List<String> parts, String key, double value) {
    if (value != 0) {
      parts.add(key + ":" + number(value));
    }
  }

  private static void addBuckets(
      List<String> parts, String key, String offsetKey, int[] indexes, double[] counts) {
    if (counts.length == 0) {
      return;
    }
    int first = indexes[0];
    double[] run = new double[indexes[indexes.length - 1] - first + 1];
    for (int i = 0; i < counts.length; i++) {
      run[indexes[i] - first] = counts[i];
    }
    if (first != 0) {
      parts.add(offsetKey + ":" + first);
    }
    parts.add(key + ":" + list(run));
  }

  private static String list(double[] values) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      sb.append(i == 0 ? "" : " ").append(number(values[i]));
    }
    return sb.append(']').toString();
  }

  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
