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

  /** Adds a note to the timeline, whatever the status. */
  public static Transition note(Incident incident, String by, String text, Instant now) {
    return new Transition(
        incident.withEntry(
            new TimelineEntry(now, TimelineEntry.NOTE, by, Bounds.cut(text, Bounds.MESSAGE))),
        true);
  }

  /** Both sides of a merge. */
  public record Merge(Incident source, Incident target) {}

  /**
   * Moves the alerts of {@code source} into {@code target} and resolves {@code source} as merged.
   * Both must be active and distinct.
   */
  public static Merge merge(Incident source, Incident target, String by, Instant now) {
    if (source.id() == target.id()) {
      throw new IllegalArgumentException("an incident cannot be merged into itself");
    }
    if (!source.status().isActive()) {
      throw new TransitionConflict("incident " + source.id() + " is resolved and cannot be merged");
    }
    if (!target.status().isActive()) {
      throw new TransitionConflict(
          "incident " + target.id() + " is resolved and cannot take a merge");
    }
    Incident into = target;
    for (IncidentAlert a : source.alerts()) {
      if (into.alert(a.fingerprint()).isEmpty()) {
        into = into.withAlert(a);
      }
    }
    into =
        into.withEntry(
            new TimelineEntry(
                now,
                TimelineEntry.MERGED,
                by,
                "incident " + source.id() + " merged in (" + source.alerts().size() + " alerts)"));
    Incident from =
        source
            .resolved(now)
            .withEntry(
                new TimelineEntry(
                    now, TimelineEntry.MERGED, by, "merged into incident " + target.id()));
    return new Merge(from, into);
  }
}
