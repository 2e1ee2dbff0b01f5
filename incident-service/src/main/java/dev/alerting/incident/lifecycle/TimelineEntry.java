package dev.alerting.incident.lifecycle;

import java.time.Instant;
import java.util.Objects;

/** One line of an incident's history: when, what kind of event, who did it and what it said. */
public record TimelineEntry(Instant at, String type, String actor, String message) {
  public static final String OPENED = "opened";
  public static final String ALERT_ATTACHED = "alert_attached";
  public static final String ALERT_FIRING = "alert_firing";
  public static final String ALERT_RESOLVED = "alert_resolved";
  public static final String ACKNOWLEDGED = "acknowledged";
  public static final String RESOLVED = "resolved";
  public static final String ASSIGNED = "assigned";
  public static final String ESCALATED = "escalated";
  public static final String PAGED = "paged";
  public static final String PAGE_DELIVERED = "page_delivered";
  public static final String PAGE_FAILED = "page_failed";
  public static final String ESCALATION_ENDED = "escalation_ended";
  public static final String NOTE = "note";
  public static final String REOPENED = "reopened";
  public static final String MERGED = "merged";

  /** The actor of everything the service does on its own, such as an auto-resolve. */
  public static final String SYSTEM = "system";

  public TimelineEntry {
    at = IncidentAlert.micros(Objects.requireNonNull(at, "at"));
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(message, "message");
  }
}
