package dev.alerting.notify.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.model.page.PageRequest;
import dev.alerting.notify.dispatch.Flush;
import dev.alerting.notify.receiver.Receiver;
import dev.alerting.notify.receiver.webhook.WebhookConfig;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("A page as a flush of the receiver it names")
class PageFlushTest {
  private static final Instant T = Instant.parse("2026-05-04T10:00:00Z");
  private static final WebhookConfig RESOLVED_TOO =
      new WebhookConfig(URI.create("http://hook/a"), true, 0, Optional.empty());
  private static final WebhookConfig FIRING_ONLY =
      new WebhookConfig(URI.create("http://hook/b"), false, 0, Optional.empty());
  private static final Map<String, Receiver> RECEIVERS =
      Map.of(
          "alice-pager", new Receiver("alice-pager", List.of(RESOLVED_TOO, FIRING_ONLY)),
          "team-log", new Receiver("team-log", List.of()));

  private static PageRequest page(PageRequest.Kind kind, String user, String receiver) {
    AlertStatus status =
        kind == PageRequest.Kind.RESOLVE ? AlertStatus.RESOLVED : AlertStatus.FIRING;
    Alert a =
        new Alert(
            status,
            Labels.of("alertname", "Down"),
            Map.of(),
            T,
            status == AlertStatus.RESOLVED ? T.plusSeconds(60) : null,
            "");
    return new PageRequest(
        "42:1:0:" + user, 42, kind, user, receiver, "Down", "critical", 1, List.of(a), T);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "a trigger goes to every integration of the user's receiver",
            page(PageRequest.Kind.TRIGGER, "alice", "alice-pager"),
            2,
            "paged_user"),
        Arguments.of(
            "a resolve skips integrations without send_resolved",
            page(PageRequest.Kind.RESOLVE, "alice", "alice-pager"),
            1,
            "paged_user"),
        Arguments.of(
            "a receiver without integrations is the log receiver",
            page(PageRequest.Kind.TRIGGER, "", "team-log"),
            1,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void flush(String name, PageRequest page, int deliveries, String userLabel) {
    Flush f = PageFlush.of(page, RECEIVERS).orElseThrow();

    assertThat(f.groupKey()).isEqualTo("page/42");
    assertThat(f.receiver().name()).isEqualTo(page.receiver());
    assertThat(f.deliveries()).hasSize(deliveries);
    assertThat(f.groupLabels().get("incident_id")).isEqualTo("42");
    assertThat(f.groupLabels().get("paged_user")).isEqualTo(userLabel == null ? null : "alice");
    assertThat(f.tickets()).isEmpty();
  }

  @ParameterizedTest(name = "unknown receiver {0}")
  @MethodSource("unknown")
  @DisplayName("a receiver missing from the notifier config gives no flush")
  void unknownReceiver(String receiver) {
    assertThat(PageFlush.of(page(PageRequest.Kind.TRIGGER, "bob", receiver), RECEIVERS)).isEmpty();
  }

  static Stream<String> unknown() {
    return Stream.of("bob-pager", "ALICE-PAGER");
  }
}
