package dev.alerting.promql.histogram;

import dev.alerting.model.sample.FloatHistogram;

/**
 * Bucket boundaries: exponential bucket {@code i} of schema {@code s} is {@code (2^((i-1)/2^s),
 * 2^(i/2^s)]}; custom bucket {@code i} is {@code (bounds[i-1], bounds[i]]} with {@code bounds[-1] =
 * -Inf} and the last bucket ending at +Inf.
 */
public final class BucketBounds {
  private BucketBounds() {}

  /** The upper bound of exponential bucket {@code index} at {@code schema}. */
  public static double upper(int index, int schema) {
    if (schema <= 0) {
      long exponent = (long) index << -schema;
      if (exponent > 1100) {
        return Double.POSITIVE_INFINITY;
      }
      if (exponent < -1100) {
        return 0;
      }
      return Math.scalb(1.0, (int) exponent);
    }
    int perPowerOfTwo = 1 << schema;
    int fraction = Math.floorMod(index, perPowerOfTwo);
    int exponent = Math.floorDiv(index, perPowerOfTwo);
    return Math.scalb(Math.pow(2, fraction / (double) perPowerOfTwo), exponent);
  }

  /** The upper bound of positive bucket {@code index} of {@code h}, custom or exponential. */
  public static double upper(FloatHistogram h, int index) {
    if (h.usesCustomBuckets()) {
      return index >= h.customValueCount() ? Double.POSITIVE_INFINITY : h.customValue(index);
    }
    return upper(index, h.schema());
  }

  /** The lower bound of positive bucket {@code index} of {@code h}, custom or exponential. */
  public static double lower(FloatHistogram h, int index) {
    if (h.usesCustomBuckets()) {
      return index == 0 ? Double.NEGATIVE_INFINITY : h.customValue(index - 1);
    }
    return upper(index - 1, h.schema());
  }
}
