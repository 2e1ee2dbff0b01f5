package dev.alerting.incident.lifecycle;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * An alert as an incident remembers it: its fingerprint and its latest known state. Times are kept
 * to the microsecond, the precision PostgreSQL stores, so a stored alert equals the one computed.
 */
public record IncidentAlert(
    String fingerprint,
    AlertStatus status,
    Labels labels,
    Map<String, String> annotations,
    Instant startsAt,
    Instant endsAt) {

  public IncidentAlert {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(labels, "labels");
    startsAt = micros(Objects.requireNonNull(startsAt, "startsAt"));
    endsAt = endsAt == null ? null : micros(endsAt);
    annotations = Map.copyOf(annotations == null ? Map.of() : annotations);
  }

  public static IncidentAlert of(Alert a) {
    return new IncidentAlert(
        a.fingerprint(), a.status(), a.labels(), a.annotations(), a.startsAt(), a.endsAt());
  }

  public boolean isFiring() {
    return status == AlertStatus.FIRING;
  }

  /** The alert's name (its {@code alertname} label). */
  public String name() {
    return labels.getOrEmpty(Labels.ALERT_NAME);
  }

  static Instant micros(Instant t) {
    return t.truncatedTo(ChronoUnit.MICROS);
  }
}
