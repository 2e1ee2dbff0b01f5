package dev.alerting.notify.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Posted alerts become one event per state change")
class PostedAlertsTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private final PostedAlerts posted = new PostedAlerts();

  private static PostedAlerts.Posted post(String summary, Instant endsAt) {
    Alert a =
        new Alert(
            AlertStatus.FIRING,
            Labels.of("alertname", "Up", "job", "api"),
            Map.of("summary", summary),
            T0,
            null,
            "http://prom/graph");
    return new PostedAlerts.Posted(a, endsAt);
  }

  private static List<String> describe(List<Alert> events) {
    return events.stream()
        .map(e -> e.status().wire() + (e.endsAt() == null ? "" : "@" + e.endsAt()))
        .toList();
  }

  @Test
  @DisplayName(
      "re-sent firing alerts that only move endsAt are no event; a changed annotation is one; a"
          + " resolve is one, and its re-sends none")
  void resends() {
    assertThat(describe(posted.receive(List.of(post("x", T0.plusSeconds(240))), T0)))
        .containsExactly("firing");
    assertThat(posted.receive(List.of(post("x", T0.plusSeconds(300))), T0.plusSeconds(60)))
        .isEmpty();
    assertThat(
            describe(posted.receive(List.of(post("y", T0.plusSeconds(360))), T0.plusSeconds(120))))
        .containsExactly("firing");
    assertThat(
            describe(posted.receive(List.of(post("y", T0.plusSeconds(150))), T0.plusSeconds(180))))
        .containsExactly("resolved@" + T0.plusSeconds(150));
    assertThat(posted.receive(List.of(post("y", T0.plusSeconds(150))), T0.plusSeconds(240)))
        .isEmpty();
  }

  @Test
  @DisplayName("a firing alert not re-sent before its endsAt resolves once, at its endsAt")
  void timeout() {
    posted.receive(List.of(post("x", T0.plusSeconds(300))), T0);
    assertThat(posted.expire(T0.plusSeconds(299))).isEmpty();
    assertThat(describe(posted.expire(T0.plusSeconds(300))))
        .containsExactly("resolved@" + T0.plusSeconds(300));
    assertThat(posted.expire(T0.plusSeconds(400))).isEmpty();
    assertThat(
            describe(posted.receive(List.of(post("x", T0.plusSeconds(700))), T0.plusSeconds(400))))
        .as("firing again after the resolve")
        .containsExactly("firing");
  }

  @Test
  @DisplayName("events that did not reach the topic are forgotten, so the next re-send retries")
  void forget() {
    List<Alert> events = posted.receive(List.of(post("x", T0.plusSeconds(300))), T0);
    posted.forget(events);
    assertThat(posted.receive(List.of(post("x", T0.plusSeconds(300))), T0.plusSeconds(60)))
        .hasSize(1);
  }
}
