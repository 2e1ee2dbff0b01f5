package dev.alerting.ingest.sample;

/**
 * Why a sample was not accepted, as a small fixed set: the {@code reason} tag of {@code
 * ingest_samples_rejected_total}. The precise, human-readable reason travels separately.
 */
public enum RejectReason {
  /** Not an object, a missing field, or a field nobody knows. */
  STRUCTURE("structure"),
  METRIC_NAME("metric_name"),
  LABEL("label"),
  VALUE("value"),
  TIMESTAMP("timestamp"),
  /** Too many labels or a label name/value too long. */
  LIMIT("limit"),
  /** A valid sample dropped because another sample of its request was invalid. */
  BATCH("batch"),
  /** Kafka did not acknowledge in time; the client is told to retry. */
  UNAVAILABLE("unavailable");

  private final String tag;

  RejectReason(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }
}
