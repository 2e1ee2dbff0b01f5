package dev.alerting.model.sample;

/** Structural rules of a sparse histogram layout, checked as Prometheus's {@code Validate} does. */
final class HistogramLayout {

  private HistogramLayout() {}

  static void validate(FloatHistogram h) {
    if (h.usesCustomBuckets()) {
      validateCustom(h);
    } else {
      validateExponential(h);
    }
    checkSpans("positive", h.rawPositiveSpans(), h.positiveBucketCount());
    checkSpans("negative", h.rawNegativeSpans(), h.negativeBucketCount());
  }

  private static void validateExponential(FloatHistogram h) {
    if (h.schema() < FloatHistogram.MIN_EXPONENTIAL_SCHEMA
        || h.schema() > FloatHistogram.MAX_EXPONENTIAL_SCHEMA) {
      throw new IllegalArgumentException("histogram schema out of range: " + h.schema());
    }
    if (h.customValueCount() > 0) {
      throw new IllegalArgumentException("custom bucket bounds on an exponential schema");
    }
    if (!(h.zeroThreshold() >= 0)) {
      throw new IllegalArgumentException("zero threshold must be >= 0: " + h.zeroThreshold());
    }
  }

  private static void validateCustom(FloatHistogram h) {
    if (h.zeroCount() != 0 || h.zeroThreshold() != 0) {
      throw new IllegalArgumentException("custom-bucket histogram with a zero bucket");
    }
    if (h.negativeBucketCount() > 0 || h.rawNegativeSpans().length > 0) {
      throw new IllegalArgumentException("custom-bucket histogram with negative buckets");
    }
    double[] bounds = h.rawCustomValues();
    for (int i = 0; i < bounds.length; i++) {
      if (Double.isNaN(bounds[i]) || (i > 0 && !(bounds[i] > bounds[i - 1]))) {
        throw new IllegalArgumentException("custom bucket bounds must increase: " + bounds[i]);
      }
    }
    if (bounds.length > 0 && bounds[bounds.length - 1] == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("the +Inf custom bound is implicit, not listed");
    }
    HistogramSpan[] spans = h.rawPositiveSpans();
    if (spans.length > 0 && spans[0].offset() < 0) {
      throw new IllegalArgumentException("custom-bucket span with negative offset");
    }
    int[] indexes = indexes(spans, h.positiveBucketCount());
    // index i is the bucket (bounds[i-1], bounds[i]]; index bounds.length is (last, +Inf]
    if (indexes.length > 0 && indexes[indexes.length - 1] > bounds.length) {
      throw new IllegalArgumentException("custom-bucket index beyond the listed bounds");
    }
  }

  private static void checkSpans(String side, HistogramSpan[] spans, int buckets) {
    long total = 0;
    for (int i = 0; i < spans.length; i++) {
      if (i > 0 && spans[i].offset() < 0) {
        throw new IllegalArgumentException(side + " span " + (i + 1) + " has a negative offset");
      }
      total += spans[i].length();
    }
    if (total != buckets) {
      throw new IllegalArgumentException(
          side + " spans cover " + total + " buckets but " + buckets + " are given");
    }
  }

  static int[] indexes(HistogramSpan[] spans, int buckets) {
    int[] out = new int[buckets];
    int n = 0;
    int index = 0;
    for (int s = 0; s < spans.length; s++) {
      index += spans[s].offset();
      for (int j = 0; j < spans[s].length(); j++) {
        out[n++] = index++;
      }
    }
    return out;
  }
}
