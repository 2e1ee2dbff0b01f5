package dev.alerting.model.alert;

import dev.alerting.model.Labels;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An alert state change as Alertmanager models it. The fingerprint is derived from the labels and
 * is the record key on the alerts topic. {@code endsAt} is null while firing with no known end.
 */
public record Alert(
    AlertStatus status,
    Labels labels,
    Map<String, String> annotations,
    Instant startsAt,
    Instant endsAt,
    String generatorUrl) {

  public Alert {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(startsAt, "startsAt");
    if (labels.get(Labels.ALERT_NAME) == null) {
      throw new IllegalArgumentException("alert has no alertname label");
    }
    if (status == AlertStatus.RESOLVED && endsAt == null) {
      throw new IllegalArgumentException("resolved alert needs endsAt");
    }
    annotations = Map.copyOf(annotations == null ? Map.of() : annotations);
    generatorUrl = generatorUrl == null ? "" : generatorUrl;
  }

  public String fingerprint() {
    return labels.fingerprintHex();
  }

  public String name() {
    return labels.get(Labels.ALERT_NAME);
  }

  public boolean isFiring() {
    return status == AlertStatus.FIRING;
  }
}
