package dev.alerting.notify.inhibit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Inhibition")
class InhibitorTest {
  private static final InhibitRule CRITICAL_MUTES_WARNING =
      new InhibitRule(
          List.of(Matcher.eq("severity", "critical")),
          List.of(Matcher.eq("severity", "warning")),
          List.of("cluster"));

  private static Alert alert(AlertStatus status, String... labels) {
    return new Alert(
        status,
        Labels.of(labels),
        Map.of(),
        Instant.EPOCH,
        status == AlertStatus.RESOLVED ? Instant.EPOCH : null,
        "");
  }

  @Test
  @DisplayName("a firing source mutes targets with equal labels, and stops when it resolves")
  void mutesWhileSourceFires() {
    Inhibitor i = new Inhibitor(List.of(CRITICAL_MUTES_WARNING));
    i.observe(
        alert(AlertStatus.FIRING, "alertname", "Down", "severity", "critical", "cluster", "eu"));
    assertThat(i.mutes(Labels.of("alertname", "Slow", "severity", "warning", "cluster", "eu"), 0))
        .isTrue();
    assertThat(i.mutes(Labels.of("alertname", "Slow", "severity", "warning", "cluster", "us"), 0))
        .as("other cluster")
        .isFalse();
    assertThat(i.mutes(Labels.of("alertname", "Slow", "severity", "info", "cluster", "eu"), 0))
        .as("not a target")
        .isFalse();
    i.observe(
        alert(AlertStatus.RESOLVED, "alertname", "Down", "severity", "critical", "cluster", "eu"));
    assertThat(i.mutes(Labels.of("alertname", "Slow", "severity", "warning", "cluster", "eu"), 0))
        .isFalse();
  }

  @Test
  @DisplayName("alerts matching both sides of a rule do not mute each other")
  void twoSided() {
    InhibitRule any =
        new InhibitRule(
            List.of(Matcher.of("alertname", Matcher.Type.RE, ".+")),
            List.of(Matcher.of("alertname", Matcher.Type.RE, ".+")),
            List.of());
    Inhibitor i = new Inhibitor(List.of(any));
    i.observe(alert(AlertStatus.FIRING, "alertname", "A"));
    assertThat(i.mutes(Labels.of("alertname", "B"), 0)).isFalse();
  }
}
