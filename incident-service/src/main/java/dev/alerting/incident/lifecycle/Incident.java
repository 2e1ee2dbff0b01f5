package dev.alerting.incident.lifecycle;

import dev.alerting.model.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An incident: what is wrong (title, severity, labels, the alerts behind it), where it is in its
 * lifecycle, who owns it, and its timeline. Immutable; every change returns a new incident.
 *
 * <p>Times are kept to the microsecond, as PostgreSQL stores them. {@code id} is 0 until the store
 * has saved the incident and assigned one.
 */
public record Incident(
    long id,
    String title,
    IncidentStatus status,
    String severity,
    Labels labels,
    List<IncidentAlert> alerts,
    List<TimelineEntry> timeline,
    Instant createdAt,
    Instant acknowledgedAt,
    Instant resolvedAt,
    String assignee) {

  public Incident {
    if (id < 0) {
      throw new IllegalArgumentException("incident id must not be negative");
    }
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(labels, "labels");
    createdAt = IncidentAlert.micros(Objects.requireNonNull(createdAt, "createdAt"));
    acknowledgedAt = acknowledgedAt == null ? null : IncidentAlert.micros(acknowledgedAt);
    resolvedAt = resolvedAt == null ? null : IncidentAlert.micros(resolvedAt);
    alerts = AlertList.of(alerts);
    timeline = List.copyOf(timeline);
  }

  public Optional<IncidentAlert> alert(String fingerprint) {
    AlertList list = (AlertList) alerts;
    int at = list.find(fingerprint);
    return at < 0 ? Optional.empty() : Optional.of(list.get(at));
  }

  public Incident withId(long newId) {
    return new Incident(
        newId,
        title,
        status,
        severity,
        labels,
        alerts,
        timeline,
        createdAt,
        acknowledgedAt,
        resolvedAt,
        assignee);
  }

  Incident withAlert(IncidentAlert alert) {
    // Replaced in place: an incident's alerts keep the order in which they joined it.
    List<IncidentAlert> next = ((AlertList) alerts).with(alert);
    return new Incident(
        id,
        title,
        status,
        severity,
        labels,
        next,
        timeline,
        createdAt,
        acknowledgedAt,
        resolvedAt,
        assignee);
  }

  Incident withEntry(TimelineEntry entry) {
    List<TimelineEntry> next = new ArrayList<>(timeline);
    next.add(entry);
    return new Incident(
        id,
        title,
        status,
        severity,
        labels,
        alerts,
        next,
        createdAt,
        acknowledgedAt,
        resolvedAt,
        assignee);
  }

  Incident acknowledged(Instant at) {
    return new Incident(
        id,
        title,
        IncidentStatus.ACKNOWLEDGED,
        severity,
        labels,
        alerts,
        timeline,
        createdAt,
        at,
        resolvedAt,
        assignee);
  }

  Incident resolved(Instant at) {
    return new Incident(
        id,
        title,
        IncidentStatus.RESOLVED,
        severity,
        labels,
        alerts,
        timeline,
        createdAt,
        acknowledgedAt,
        at,
        assignee);
  }

  Incident assignedTo(String who) {
    return new Incident(
        id,
        title,
        status,
        severity,
        labels,
        alerts,
        timeline,
        createdAt,
        acknowledgedAt,
        resolvedAt,
        who);
  }

  /** Open again after a resolution: the acknowledgement and resolution are cleared. */
  Incident reopened() {
    return new Incident(
        id,
        title,
        IncidentStatus.OPEN,
        severity,
        labels,
        alerts,
        timeline,
        createdAt,
        null,
        null,
        assignee);
  }

  /** The distinct {@code runbook_url} annotations of the incident's alerts, in alert order. */
  public List<String> runbooks() {
    return alerts.stream()
        .map(a -> a.annotations().get("runbook_url"))
        .filter(u -> u != null && !u.isBlank())
        .distinct()
        .toList();
  }
}
