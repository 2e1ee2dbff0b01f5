package dev.alerting.incident.lifecycle;

import java.time.Instant;

/**
 * What people do to an incident: acknowledge, resolve, assign. Repeating an action that already
 * took effect changes nothing (retries are safe); an action the status forbids is a {@link
 * TransitionConflict}.
 */
public final class Lifecycle {
  private Lifecycle() {}

  /** open → acknowledged; acknowledged stays as it is; resolved is a conflict. */
  public static Transition acknowledge(Incident incident, String by, Instant now) {
    return switch (incident.status()) {
      case ACKNOWLEDGED -> new Transition(incident, false);
      case RESOLVED ->
          throw new TransitionConflict(
              "incident " + incident.id() + " is resolved and cannot be acknowledged");
      case OPEN ->
          new Transition(
              incident
                  .acknowledged(now)
                  .withEntry(
                      new TimelineEntry(
                          now, TimelineEntry.ACKNOWLEDGED, by, "acknowledged by " + by)),
              true);
    };
  }

  /** open or acknowledged → resolved; resolving a resolved incident changes nothing. */
  public static Transition resolve(Incident incident, String by, String message, Instant now) {
    if (incident.status() == IncidentStatus.RESOLVED) {
      return new Transition(incident, false);
    }
    String text = message == null || message.isBlank() ? "resolved by " + by : message;
    return new Transition(
        incident.resolved(now).withEntry(new TimelineEntry(now, TimelineEntry.RESOLVED, by, text)),
        true);
  }

  /** Sets the owner of an active incident; the same owner again changes nothing. */
  public static Transition assign(Incident incident, String assignee, String by, Instant now) {
    if (incident.status() == IncidentStatus.RESOLVED) {
      throw new TransitionConflict(
          "incident " + incident.id() + " is resolved and cannot be assigned");
    }
    if (assignee.equals(incident.assignee())) {
      return new Transition(incident, false);
    }
    return new Transition(
        incident
            .assignedTo(assignee)
            .withEntry(
                new TimelineEntry(now, TimelineEntry.ASSIGNED, by, "assigned to " + assignee)),
        true);
  }
}
