package dev.alerting.model.sample;

import dev.alerting.model.Labels;
import java.util.Objects;

/**
 * One observation of one series: labels (including {@code __name__}), a value and an event time in
 * epoch milliseconds. Stale markers are represented by Prometheus's special NaN bit pattern. A
 * native histogram sample carries its {@link FloatHistogram} and ignores {@code value}; a float
 * sample has a null histogram.
 */
public record Sample(Labels series, double value, long timestampMillis, FloatHistogram histogram) {

  /** Prometheus's staleness marker: a NaN with this exact bit pattern. */
  public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

  public Sample {
    Objects.requireNonNull(series, "series");
    if (series.metricName() == null) {
      throw new IllegalArgumentException("sample series has no __name__");
    }
  }

  /** A float sample. */
  public Sample(Labels series, double value, long timestampMillis) {
    this(series, value, timestampMillis, null);
  }

  /** A native histogram sample; its float value is 0. */
  public static Sample histogram(Labels series, FloatHistogram histogram, long timestampMillis) {
    return new Sample(series, 0, timestampMillis, Objects.requireNonNull(histogram, "histogram"));
  }

  public static Sample of(String name, Labels labels, double value, long timestampMillis) {
    return new Sample(labels.with(Labels.METRIC_NAME, name), value, timestampMillis);
  }

  public String name() {
    return series.metricName();
  }

  public boolean isHistogram() {
    return histogram != null;
  }

  /** A stale marker is a float sample whose value has the staleness bit pattern. */
  public boolean isStaleMarker() {
    return histogram == null && Double.doubleToRawLongBits(value) == STALE_NAN_BITS;
  }
}
