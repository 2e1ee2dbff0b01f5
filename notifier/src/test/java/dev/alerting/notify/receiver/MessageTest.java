package dev.alerting.notify.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.platform.codec.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Webhook payload version 4")
class MessageTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final Alert FIRING =
      new Alert(
          AlertStatus.FIRING,
          Labels.of("alertname", "DiskFull", "instance", "db1", "severity", "warning"),
          Map.of("summary", "disk full on db1", "runbook", "http://rb/disk"),
          T0,
          null,
          "http://rules/graph?g0.expr=x");
  private static final Alert RESOLVED =
      new Alert(
          AlertStatus.RESOLVED,
          Labels.of("alertname", "DiskFull", "instance", "db2", "severity", "warning"),
          Map.of("summary", "disk full on db2", "runbook", "http://rb/disk"),
          T0,
          T0.plusSeconds(60),
          "");

  @Test
  @DisplayName(
      "carries every field of Alertmanager's webhook message with common labels and annotations")
  void shape() throws Exception {
    JsonNode n =
        Json.MAPPER.readTree(
            Json.write(
                Message.v4(
                    "{}:{alertname=\"DiskFull\"}",
                    "team",
                    Labels.of("alertname", "DiskFull"),
                    List.of(FIRING, RESOLVED),
                    "http://notifier:8082",
                    0)));
    assertThat(n.fieldNames())
        .toIterable()
        .containsExactly(
            "version",
            "groupKey",
            "truncatedAlerts",
            "status",
            "receiver",
            "groupLabels",
            "commonLabels",
            "commonAnnotations",
            "externalURL",
            "alerts");
    assertThat(n.get("version").asText()).isEqualTo("4");
    assertThat(n.get("groupKey").asText()).isEqualTo("{}:{alertname=\"DiskFull\"}");
    assertThat(n.get("truncatedAlerts").asInt()).isZero();
    assertThat(n.get("status").asText()).isEqualTo("firing");
    assertThat(n.get("receiver").asText()).isEqualTo("team");
    assertThat(n.get("groupLabels"))
        .isEqualTo(Json.MAPPER.readTree("{\"alertname\":\"DiskFull\"}"));
    assertThat(n.get("commonLabels"))
        .isEqualTo(Json.MAPPER.readTree("{\"alertname\":\"DiskFull\",\"severity\":\"warning\"}"));
    assertThat(n.get("commonAnnotations"))
        .isEqualTo(Json.MAPPER.readTree("{\"runbook\":\"http://rb/disk\"}"));
    assertThat(n.get("externalURL").asText()).isEqualTo("http://notifier:8082");
    JsonNode a = n.get("alerts").get(0);
    assertThat(a.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint");
    assertThat(a.get("status").asText()).isEqualTo("firing");
    assertThat(a.get("startsAt").asText()).isEqualTo("2024-05-01T10:00:00Z");
    assertThat(a.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(a.get("fingerprint").asText()).isEqualTo(FIRING.fingerprint());
    JsonNode r = n.get("alerts").get(1);
    assertThat(r.get("status").asText()).isEqualTo("resolved");
    assertThat(r.get("endsAt").asText()).isEqualTo("2024-05-01T10:01:00Z");
  }

  @Test
  @DisplayName("is resolved when no alert fires")
  void resolvedStatus() {
    assertThat(
            Message.v4("k", "r", Labels.empty(), List.of(RESOLVED), "http://x", 0)
                .get("status")
                .asText())
        .isEqualTo("resolved");
  }

  @Test
  @DisplayName("max_alerts keeps the first alerts and counts the rest as truncated")
  void truncation() {
    var n = Message.v4("k", "r", Labels.empty(), List.of(FIRING, RESOLVED), "http://x", 1);
    assertThat(n.get("alerts")).hasSize(1);
    assertThat(n.get("truncatedAlerts").asInt()).isEqualTo(1);
    assertThat(n.get("commonLabels").size())
        .as("common labels still cover every alert")
        .isEqualTo(2);
  }
}
