package dev.alerting.model.sample;

import dev.alerting.model.Labels;
import java.util.Objects;

/**
 * One observation of one series: labels (including {@code __name__}), a value and an event time in
 * epoch milliseconds. Stale markers are represented by Prometheus's special NaN bit pattern.
 */
public record Sample(Labels series, double value, long timestampMillis) {

  /** Prometheus's staleness marker: a NaN with this exact bit pattern. */
  public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

  public Sample {
    Objects.requireNonNull(series, "series");
    if (series.metricName() == null) {
      throw new IllegalArgumentException("sample series has no __name__");
    }
  }

  public static Sample of(String name, Labels labels, double value, long timestampMillis) {
    return new Sample(labels.with(Labels.METRIC_NAME, name), value, timestampMillis);
  }

  public String name() {
    return series.metricName();
  }

  public boolean isStaleMarker() {
    return Double.doubleToRawLongBits(value) == STALE_NAN_BITS;
  }
}
