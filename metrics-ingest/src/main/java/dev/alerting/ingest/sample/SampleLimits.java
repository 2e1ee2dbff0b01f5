package dev.alerting.ingest.sample;

import java.time.Duration;

/** The bounds a push request and each of its samples must stay within. */
public record SampleLimits(
    int maxSamplesPerRequest,
    int maxLabels,
    int maxLabelNameLength,
    int maxLabelValueLength,
    Duration maxFutureSkew,
    Duration maxSampleAge) {

  public SampleLimits {
    if (maxSamplesPerRequest < 1
        || maxLabels < 0
        || maxLabelNameLength < 1
        || maxLabelValueLength < 1) {
      throw new IllegalArgumentException("sample limits must be positive");
    }
    if (maxFutureSkew.isNegative() || maxSampleAge.isNegative() || maxSampleAge.isZero()) {
      throw new IllegalArgumentException("sample time bounds must be positive");
    }
  }
}
