package dev.alerting.incident.lifecycle;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import java.time.Instant;
import java.util.Map;

/** Alert events for the lifecycle tests. */
final class Alerts {
  static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
  static final Labels LABELS =
      Labels.of("alertname", "HighLatency", "severity", "critical", "job", "api");

  private Alerts() {}

  static Alert firing(Instant startsAt) {
    return new Alert(
        AlertStatus.FIRING, LABELS, Map.of("summary", "p99 above 2s"), startsAt, null, "");
  }

  static Alert firing(Instant startsAt, Instant endsAt) {
    return new Alert(
        AlertStatus.FIRING, LABELS, Map.of("summary", "p99 above 2s"), startsAt, endsAt, "");
  }

  static Alert resolved(Instant startsAt, Instant endsAt) {
    return new Alert(
        AlertStatus.RESOLVED, LABELS, Map.of("summary", "p99 above 2s"), startsAt, endsAt, "");
  }

  static Instant at(int minutes) {
    return T0.plusSeconds(60L * minutes);
  }
}
