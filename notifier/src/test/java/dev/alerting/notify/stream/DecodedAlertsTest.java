package dev.alerting.notify.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.platform.codec.AlertCodec;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An alert event decoded once for the notifier's three readers")
class DecodedAlertsTest {
  private static final String EVENT =
      AlertCodec.encode(
          new Alert(
              AlertStatus.FIRING,
              Labels.of("alertname", "Disk", "instance", "a:1"),
              Map.of("summary", "full"),
              Instant.parse("2026-01-01T00:00:00Z"),
              null,
              ""));

  @Test
  @DisplayName("the same text decodes to the same alert, once")
  void once() {
    DecodedAlerts d = new DecodedAlerts();
    Alert a = d.decode(EVENT);
    assertThat(a).isEqualTo(AlertCodec.decode(EVENT));
    assertThat(d.decode(new String(EVENT))).isSameAs(a);
    assertThatThrownBy(() -> d.decode("{\"status\":1}")).isInstanceOf(RuntimeException.class);
  }

  @Test
  @DisplayName("a record in the router's shape gives its route and alert; any other shape, null")
  void forwarded() {
    DecodedAlerts d = new DecodedAlerts();
    DecodedAlerts.Forwarded f = d.forwarded("{\"route\":\"0.1\",\"alert\":" + EVENT + "}");
    assertThat(f.routeId()).isEqualTo("0.1");
    assertThat(f.alert()).isEqualTo(AlertCodec.decode(EVENT));
    // left to the full parse: other key order, escaped route ids, trailing members, bad alerts
    assertThat(d.forwarded("{\"alert\":" + EVENT + ",\"route\":\"0.1\"}")).isNull();
    assertThat(d.forwarded("{\"route\":\"a\\\"b\",\"alert\":" + EVENT + "}")).isNull();
    assertThat(d.forwarded("{\"route\":\"0\",\"alert\":" + EVENT + ",\"x\":1}")).isNull();
    assertThat(d.forwarded("{\"route\":\"0\",\"alert\":{}}")).isNull();
  }
}
