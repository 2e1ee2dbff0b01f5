package dev.alerting.model.page;

import java.time.Instant;
import java.util.Objects;

/**
 * How the delivery of one page ended, as the notifier reports it back to the incident service.
 *
 * @param pageId the page's id
 * @param incidentId the incident (record key on the outcomes topic)
 * @param result delivered, or failed for good (a permanent answer or retries exhausted)
 * @param detail the receiver's answer when it failed, empty otherwise; never a secret
 * @param at when the delivery ended
 */
public record PageOutcome(
    String pageId, long incidentId, Result result, String detail, Instant at) {

  /** The end of one page's delivery. */
  public enum Result {
    DELIVERED,
    FAILED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Result fromWire(String s) {
      for (Result r : values()) {
        if (r.wire().equals(s)) {
          return r;
        }
      }
      throw new IllegalArgumentException("unknown page result '" + s + "'");
    }
  }

  public PageOutcome {
    if (pageId == null || pageId.isBlank()) {
      throw new IllegalArgumentException("page outcome has no page id");
    }
    Objects.requireNonNull(result, "result");
    detail = detail == null ? "" : detail;
    Objects.requireNonNull(at, "at");
  }
}
