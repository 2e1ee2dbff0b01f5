package dev.alerting.ingest.push;

/** How a push request ended: the {@code outcome} tag of {@code ingest_requests_total}. */
public enum Outcome {
  ACCEPTED("accepted", 200),
  INVALID("invalid", 400),
  MALFORMED("malformed", 400),
  TOO_MANY_SAMPLES("too_many_samples", 400),
  UNAUTHORIZED("unauthorized", 401),
  FORBIDDEN("forbidden", 403),
  TOO_LARGE("too_large", 413),
  UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
  OVERLOADED("overloaded", 429),
  NOT_IMPLEMENTED("not_implemented", 501),
  UNAVAILABLE("unavailable", 503);

  private final String tag;
  private final int status;

  Outcome(String tag, int status) {
    this.tag = tag;
    this.status = status;
  }

  public String tag() {
    return tag;
  }

  public int status() {
    return status;
  }
}
