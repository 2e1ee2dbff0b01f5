package dev.alerting.template.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NotificationDataTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static Alert alert(AlertStatus status, String instance, Map<String, String> annotations) {
    return new Alert(
        status,
        Labels.of(
            "alertname",
            "HighLatency",
            "service",
            "checkout",
            "severity",
            "critical",
            "team",
            "backend",
            "instance",
            instance),
        annotations,
        T0,
        status == AlertStatus.RESOLVED ? T0.plusSeconds(3600) : null,
        "http://prom/graph?i=" + instance);
  }

  static NotificationData twoFiring() {
    return NotificationData.of(
        "team-x",
        Labels.of("alertname", "HighLatency"),
        List.of(
            alert(AlertStatus.FIRING, "a:1", Map.of("summary", "slow", "runbook", "r1")),
            alert(AlertStatus.FIRING, "b:1", Map.of("summary", "slow"))),
        "http://am:9093");
  }

  @Test
  @DisplayName("status, common labels and common annotations are computed from the alerts")
  void computesStatusAndCommonSets() {
    NotificationData d = twoFiring();

    assertThat(d.status()).isEqualTo("firing");
    assertThat(d.commonLabels().entries())
        .containsOnlyKeys("alertname", "service", "severity", "team");
    assertThat(d.commonAnnotations().entries()).containsExactly(Map.entry("summary", "slow"));
    assertThat(d.alerts().firing()).hasSize(2);
    assertThat(d.alerts().resolved()).isEmpty();
    assertThat(d.alerts().get(0).fingerprint()).isEqualTo(fingerprintOf("a:1")).hasSize(16);
  }

  @Test
  @DisplayName(
      "a group whose alerts all resolved is resolved; a firing alert has Go's zero end time")
  void resolvedGroupAndZeroTime() {
    NotificationData resolved =
        NotificationData.of(
            "r", Labels.empty(), List.of(alert(AlertStatus.RESOLVED, "a:1", Map.of())), "");
    assertThat(resolved.status()).isEqualTo("resolved");
    assertThat(resolved.alerts().get(0).endsAt().toString())
        .isEqualTo("2026-01-01 01:00:00 +0000 UTC");
    assertThat(twoFiring().alerts().get(0).endsAt().toString())
        .isEqualTo("0001-01-01 00:00:00 +0000 UTC");
  }

  @Test
  @DisplayName("the conventional subject comes out of our default templates")
  void conventionalSubject() {
    String subject = NotificationTemplates.defaults().execute("__subject", twoFiring());

    assertThat(subject).isEqualTo("[FIRING:2] HighLatency (checkout critical backend)");
  }

  private static String fingerprintOf(String instance) {
    return alert(AlertStatus.FIRING, instance, Map.of()).fingerprint();
  }
}
