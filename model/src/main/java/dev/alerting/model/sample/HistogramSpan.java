package dev.alerting.model.sample;

/**
 * A run of consecutive buckets in a sparse histogram layout: {@code offset} is the gap (in bucket
 * indices) after the previous span, or the absolute index of the first bucket for the first span.
 */
public record HistogramSpan(int offset, int length) {

  public HistogramSpan {
    if (length < 0) {
      throw new IllegalArgumentException("span length must not be negative: " + length);
    }
  }
}
