package dev.alerting.ingest.sample;

import dev.alerting.platform.codec.Json;

/**
 * The wording of rejection reasons shared by every format's validation, so a limit reads the same
 * (and names its config key) whichever endpoint a sample came through.
 */
final class Reasons {
  private Reasons() {}

  /** Quotes user input for a reason, cut short so a huge name cannot blow up the error body. */
  static String quote(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return Json.write(cut);
  }

  static String metricNameTooLong(String name, SampleLimits limits) {
    return "metric name "
        + quote(name)
        + tooLong(name.length(), limits.maxLabelNameLength(), "INGEST_MAX_LABEL_NAME_LENGTH");
  }

  static String labelNameTooLong(String name, SampleLimits limits) {
    return "label name "
        + quote(name)
        + tooLong(name.length(), limits.maxLabelNameLength(), "INGEST_MAX_LABEL_NAME_LENGTH");
  }

  static String labelValueTooLong(String name, String value, SampleLimits limits) {
    return "label "
        + quote(name)
        + " value"
        + tooLong(value.length(), limits.maxLabelValueLength(), "INGEST_MAX_LABEL_VALUE_LENGTH");
  }

  /** {@code subject} is what has the labels: "the series", "sample". */
  static String tooManyLabels(String subject, int count, SampleLimits limits) {
    return subject
        + " has "
        + count
        + " labels, more than the limit of "
        + limits.maxLabels()
        + " (INGEST_MAX_LABELS)";
  }

  private static String tooLong(int length, int limit, String key) {
    return " is " + length + " characters long, more than the limit of " + limit + " (" + key + ")";
  }
}
