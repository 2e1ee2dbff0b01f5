package dev.alerting.promql.storage;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;

/**
 * One series' samples inside a time window, oldest first. Arrays are owned by the receiver and must
 * not be mutated by the source afterwards. {@code histograms} is null when every sample is a float;
 * otherwise it is parallel to {@code timestamps}, a non-null slot being a native histogram sample
 * (whose {@code values} slot is 0 and meaningless) and a null slot a float sample.
 */
public record SeriesSamples(
    Labels labels, long[] timestamps, double[] values, FloatHistogram[] histograms) {
  public SeriesSamples {
    if (timestamps.length != values.length) {
      throw new IllegalArgumentException("timestamps and values differ in length");
    }
    if (histograms != null && histograms.length != timestamps.length) {
      throw new IllegalArgumentException("timestamps and histograms differ in length");
    }
  }

  /** Float samples only. */
  public SeriesSamples(Labels labels, long[] timestamps, double[] values) {
    this(labels, timestamps, values, null);
  }

  public int size() {
    return timestamps.length;
  }

  public boolean isEmpty() {
    return timestamps.length == 0;
  }

  /** Whether any sample is a native histogram. */
  public boolean hasHistograms() {
    return histograms != null;
  }

  /** The histogram of sample {@code i}, or null when it is a float sample. */
  public FloatHistogram histogram(int i) {
    return histograms == null ? null : histograms[i];
  }
}
