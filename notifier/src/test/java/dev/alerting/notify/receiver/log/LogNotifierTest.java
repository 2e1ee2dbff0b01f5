package dev.alerting.notify.receiver.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.notify.receiver.Notification;
import dev.alerting.platform.codec.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Log receiver")
class LogNotifierTest {
  private static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");

  private static Notification storm(int alerts) {
    List<Alert> list = new ArrayList<>();
    for (int i = 0; i < alerts; i++) {
      list.add(
          new Alert(
              AlertStatus.FIRING,
              Labels.of("alertname", "Storm", "series", "s" + i, "service", "api"),
              Map.of("summary", "storm alert " + i),
              T0,
              null,
              ""));
    }
    return new Notification(
        "log", "{}:{alertname=\"Storm\"}", Labels.of("alertname", "Storm"), list);
  }

  @ParameterizedTest(name = "{0} alerts")
  @CsvSource({"1, 1, 0", "20, 20, 0", "21, 20, 1", "10000, 20, 9980"})
  @DisplayName(
      "a line lists at most 20 alerts and counts the rest as truncatedAlerts, so a storm's group"
          + " makes a line of a few kilobytes, not megabytes")
  void boundsTheLine(int alerts, int listed, int truncated) throws Exception {
    String line = new LogNotifier("http://am").message(storm(alerts));

    JsonNode n = Json.MAPPER.readTree(line);
    assertThat(n.path("alerts").size()).isEqualTo(listed);
    assertThat(n.path("truncatedAlerts").asInt()).isEqualTo(truncated);
    assertThat(n.path("commonLabels").path("service").asText()).isEqualTo("api");
    assertThat(line.length()).isLessThan(10_000);
  }
}
