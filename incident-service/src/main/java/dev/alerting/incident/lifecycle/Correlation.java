package dev.alerting.incident.lifecycle;

import dev.alerting.model.alert.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns alert events into incident changes. Alerts of one group (equal values of the grouping
 * labels) share an incident while it is active: a firing alert joins its group's active incident,
 * reopens the group's incident when it was resolved less than the reopen window ago, and otherwise
 * opens a new one. A resolved event resolves the incident once all of its alerts are resolved.
 */
public final class Correlation {
  /** The message of the timeline entry written when the last alert of an incident resolves. */
  public static final String AUTO_RESOLVE_MESSAGE = "alert resolved";

  private Correlation() {}

  /** What an alert event did. */
  public sealed interface Outcome permits Opened, Reopened, Updated, Ignored {}

  /** A new incident (id 0 until stored). */
  public record Opened(Incident incident) implements Outcome {}

  /** A resolved incident of the alert's group opened again by the alert firing. */
  public record Reopened(Incident incident) implements Outcome {}

  /** The event changed an existing incident; {@code autoResolved} when it resolved it. */
  public record Updated(Incident incident, boolean autoResolved) implements Outcome {}

  /** The event changed nothing, for {@code reason}. */
  public record Ignored(Reason reason) implements Outcome {}

  /** Why an event changed nothing; a small fixed set, used as a metric label. */
  public enum Reason {
    /** The store has applied this exact event before (redelivery). */
    DUPLICATE,
    /** A resolved event for an alert no incident knows. */
    NO_INCIDENT,
    /** An event about an older occurrence of the alert than the incident holds. */
    STALE,
    /** The event repeats the alert's known state. */
    UNCHANGED,
    /**
     * A firing event for the occurrence (same startsAt) of a resolved incident: someone resolved it
     * while the alert still fired, and a repeat of that firing must not reopen it.
     */
    RESOLVED_OCCURRENCE;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Applies {@code alert} given the most recent incident that holds its fingerprint and the most
   * recent incident of its group (either may be resolved), at {@code now}; without grouping, as one
   * incident per fingerprint with no reopening.
   */
  public static Outcome apply(Optional<Incident> latest, Alert alert, Instant now) {
    return apply(latest, Optional.empty(), alert, now, java.time.Duration.ZERO);
  }

  public static Outcome apply(
      Optional<Incident> latest,
      Optional<Incident> group,
      Alert alert,
      Instant now,
      java.time.Duration reopenWindow) {
    IncidentAlert event = IncidentAlert.of(alert);
    if (latest.isPresent() && latest.get().status().isActive()) {
      return onActive(latest.get(), event, now);
    }
    return onNoActive(latest, group, event, now, reopenWindow);
  }

  private static Outcome onNoActive(
      Optional<Incident> latest,
      Optional<Incident> group,
      IncidentAlert event,
      Instant now,
      java.time.Duration reopenWindow) {
    Optional<IncidentAlert> known = latest.flatMap(i -> i.alert(event.fingerprint()));
    boolean sameOccurrence = known.map(k -> k.startsAt().equals(event.startsAt())).orElse(false);
    if (event.isFiring()) {
      if (sameOccurrence) {
        return new Ignored(Reason.RESOLVED_OCCURRENCE);
      }
      if (group.isPresent() && group.get().status().isActive()) {
        return onActive(group.get(), event, now);
      }
      if (group.isPresent() && withinWindow(group.get(), now, reopenWindow)) {
        return new Reopened(
            group
                .get()
                .reopened()
                .withAlert(event)
                .withEntry(
                    entry(
                        now,
                        TimelineEntry.REOPENED,
                        "reopened: alert "
                            + event.name()
                            + " firing again within "
                            + dev.alerting.model.Durations.format(reopenWindow)
                            + " of resolution")));
      }
      return new Opened(open(event, now));
    }
    if (sameOccurrence && known.get().isFiring()) {
      // The incident was resolved by hand before its alert resolved: record the alert's end.
      return new Updated(latest.get().withAlert(event), false);
    }
    return new Ignored(known.isPresent() ? Reason.UNCHANGED : Reason.NO_INCIDENT);
  }

  private static Outcome onActive(Incident incident, IncidentAlert event, Instant now) {
    Optional<IncidentAlert> known = incident.alert(event.fingerprint());
    if (known.isEmpty()) {
      if (!event.isFiring()) {
        return new Ignored(Reason.NO_INCIDENT);
      }
      return new Updated(
          incident
              .withAlert(event)
              .withEntry(
                  entry(now, TimelineEntry.ALERT_ATTACHED, "alert " + event.name() + " attached")),
          false);
    }
    IncidentAlert before = known.get();
    if (event.startsAt().isBefore(before.startsAt())) {
      return new Ignored(Reason.STALE);
    }
    if (event.equals(before)) {
      return new Ignored(Reason.UNCHANGED);
    }
    Incident next = incident.withAlert(event);
    if (event.isFiring()) {
      if (!before.isFiring()) {
        next =
            next.withEntry(
                entry(now, TimelineEntry.ALERT_FIRING, "alert " + event.name() + " firing again"));
      }
      // A repeat of a firing alert (new endsAt or annotations) updates it without a timeline line.
      return new Updated(next, false);
    }
    if (next.alerts().stream().noneMatch(IncidentAlert::isFiring)) {
      return new Updated(
          next.resolved(now).withEntry(entry(now, TimelineEntry.RESOLVED, AUTO_RESOLVE_MESSAGE)),
          true);
    }
    return new Updated(
        next.withEntry(
            entry(now, TimelineEntry.ALERT_RESOLVED, "alert " + event.name() + " resolved")),
        false);
  }

  private static boolean withinWindow(Incident i, Instant now, java.time.Duration window) {
    return i.resolvedAt() != null && !window.isZero() && !now.isAfter(i.resolvedAt().plus(window));
  }

  private static Incident open(IncidentAlert event, Instant now) {
    return new Incident(
        0,
        title(event),
        IncidentStatus.OPEN,
        Bounds.cut(
            event.labels().get("severity") == null ? "none" : event.labels().get("severity"),
            Bounds.SEVERITY),
        event.labels(),
        List.of(event),
        List.of(entry(now, TimelineEntry.OPENED, "alert " + event.name() + " firing")),
        now,
        null,
        null,
        null);
  }

  /** {@code alertname}, then {@code ": " + summary} when the alert has a summary annotation. */
  static String title(IncidentAlert event) {
    String summary = event.annotations().get("summary");
    String title =
        summary == null || summary.isBlank() ? event.name() : event.name() + ": " + summary;
    return Bounds.cut(title, Bounds.TITLE);
  }

  private static TimelineEntry entry(Instant now, String type, String message) {
    return new TimelineEntry(now, type, TimelineEntry.SYSTEM, Bounds.cut(message, Bounds.MESSAGE));
  }
}
