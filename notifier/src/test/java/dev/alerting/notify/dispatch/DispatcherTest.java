package dev.alerting.notify.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.notify.config.AlertmanagerConfig;
import dev.alerting.notify.config.ConfigLoader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Grouping timelines on a fake clock")
class DispatcherTest {
  private static AlertmanagerConfig config(String routeExtra, String hookExtra) {
    return ConfigLoader.parse(
        """
        route:
          receiver: hook
          group_by: [alertname]
          group_wait: 30s
          group_interval: 5m
          repeat_interval: 1h
        %s
        receivers:
        - name: hook
          webhook_configs:
          - url: http://hook.test/
        %s
        - name: pager
        inhibit_rules:
        - source_matchers: ['severity="critical"']
          target_matchers: ['severity="warning"']
          equal: [alertname]
        """
            .formatted(routeExtra.indent(2), hookExtra.indent(4)));
  }

  private static final AlertmanagerConfig BASIC = config("", "");
  private static final AlertmanagerConfig NO_RESOLVED = config("", "send_resolved: false");
  private static final AlertmanagerConfig CONTINUE =
      config(
          "routes:\n- matchers: ['severity=\"critical\"']\n  receiver: pager\n  continue: true\n- receiver: hook",
          "");

  static Stream<Arguments> timelines() {
    return Stream.of(
        Arguments.of(
            "the first notification waits for group_wait",
            BASIC,
            List.of("0s fire alertname=A,id=a1"),
            100,
            List.of("30s hook/webhook firing[a1]")),
        Arguments.of(
            "alerts arriving during group_wait are sent together",
            BASIC,
            List.of("0s fire alertname=A,id=a1", "10s fire alertname=A,id=a2"),
            100,
            List.of("30s hook/webhook firing[a1 a2]")),
        Arguments.of(
            "a new alert after the first notification waits for group_interval",
            BASIC,
            List.of("0s fire alertname=A,id=a1", "60s fire alertname=A,id=a2"),
            400,
            List.of("30s hook/webhook firing[a1]", "330s hook/webhook firing[a1 a2]")),
        Arguments.of(
            "an unchanged group is sent again only after repeat_interval",
            BASIC,
            List.of("0s fire alertname=A,id=a1"),
            7300,
            List.of(
                "30s hook/webhook firing[a1]",
                "3630s hook/webhook firing[a1]",
                "7230s hook/webhook firing[a1]")),
        Arguments.of(
            "a resolved alert is sent at the next group_interval",
            BASIC,
            List.of("0s fire alertname=A,id=a1", "100s resolve alertname=A,id=a1"),
            4000,
            List.of("30s hook/webhook firing[a1]", "330s hook/webhook resolved[-a1]")),
        Arguments.of(
            "a partly resolved group lists the resolved alert once",
            BASIC,
            List.of(
                "0s fire alertname=A,id=a1",
                "1s fire alertname=A,id=a2",
                "100s resolve alertname=A,id=a1"),
            700,
            List.of("30s hook/webhook firing[a1 a2]", "330s hook/webhook firing[-a1 a2]")),
        Arguments.of(
            "send_resolved false never sends resolved alerts",
            NO_RESOLVED,
            List.of(
                "0s fire alertname=A,id=a1",
                "1s fire alertname=A,id=a2",
                "100s resolve alertname=A,id=a1",
                "400s resolve alertname=A,id=a2"),
            1000,
            List.of("30s hook/webhook firing[a1 a2]")),
        Arguments.of(
            "an alert that fires and resolves within group_wait is never sent",
            BASIC,
            List.of("0s fire alertname=A,id=a1", "10s resolve alertname=A,id=a1"),
            1000,
            List.of()),
        Arguments.of(
            "an identical re-delivered event changes nothing",
            BASIC,
            List.of(
                "0s fire alertname=A,id=a1",
                "5s fire alertname=A,id=a1",
                "40s fire alertname=A,id=a1"),
            400,
            List.of("30s hook/webhook firing[a1]")),
        Arguments.of(
            "different group labels make separate groups",
            BASIC,
            List.of("0s fire alertname=A,id=a1", "0s fire alertname=B,id=b1"),
            100,
            List.of("30s hook/webhook firing[a1]", "30s hook/webhook firing[b1]")),
        Arguments.of(
            "continue notifies the matching child and the next match",
            CONTINUE,
            List.of("0s fire alertname=A,id=a1,severity=critical", "0s fire alertname=B,id=b1"),
            100,
            List.of(
                "30s pager/log firing[a1]",
                "30s hook/webhook firing[a1]",
                "30s hook/webhook firing[b1]")),
        Arguments.of(
            "an inhibited alert is left out while its source fires",
            BASIC,
            List.of(
                "0s fire alertname=A,id=w1,severity=warning",
                "0s fire alertname=A,id=c1,severity=critical",
                "0s fire alertname=B,id=w2,severity=warning",
                "100s resolve alertname=A,id=c1,severity=critical"),
            400,
            List.of(
                "30s hook/webhook firing[c1]",
                "30s hook/webhook firing[w2]",
                "330s hook/webhook firing[-c1 w1]")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("timelines")
  @DisplayName("groups notify as Alertmanager's dispatcher does")
  void timeline(
      String name,
      AlertmanagerConfig config,
      List<String> events,
      long untilSeconds,
      List<String> expected) {
    assertThat(Timeline.run(config, events, untilSeconds)).containsExactlyElementsOf(expected);
  }

  @Test
  @DisplayName("a group whose alerts all resolved and were notified is dropped")
  void resolvedGroupIsDropped() {
    Timeline t = new Timeline(BASIC);
    t.event("0s fire alertname=A,id=a1");
    t.advance(31_000);
    t.event("100s resolve alertname=A,id=a1");
    assertThat(t.dispatcher().groups()).hasSize(1);
    t.advance(330_000);
    assertThat(t.dispatcher().groups()).isEmpty();
    assertThat(t.dispatcher().nextFlushAt()).isEmpty();
  }

  @Test
  @DisplayName("an alert that started longer than group_wait ago is flushed at once")
  void oldAlertFlushesAtOnce() {
    Dispatcher d = new Dispatcher(BASIC);
    long now = 1_000_000;
    Alert old =
        new Alert(
            AlertStatus.FIRING,
            Labels.of("alertname", "A", "id", "a1"),
            Map.of(),
            Instant.ofEpochMilli(now - 60_000),
            null,
            "");
    d.accept(old, 1, now);
    assertThat(d.nextFlushAt()).hasValue(now);
    assertThat(d.flushDue(now))
        .singleElement()
        .satisfies(f -> assertThat(f.deliveries()).hasSize(1));
  }

  @Test
  @DisplayName(
      "each event's ticket comes back in the flush that settles it; duplicates settle at once")
  void tickets() {
    Dispatcher d = new Dispatcher(CONTINUE);
    Alert a =
        new Alert(
            AlertStatus.FIRING,
            Labels.of("alertname", "A", "severity", "critical"),
            Map.of(),
            Instant.ofEpochMilli(0),
            null,
            "");
    Alert b =
        new Alert(
            AlertStatus.FIRING,
            Labels.of("alertname", "A"),
            Map.of(),
            Instant.ofEpochMilli(0),
            null,
            "");
    assertThat(d.accept(a, 7, 0)).as("routed to two groups").isEqualTo(2);
    assertThat(d.accept(a, 8, 1)).as("identical redelivery").isZero();
    assertThat(d.accept(b, 9, 2)).isEqualTo(1);
    assertThat(d.flushDue(29_999)).isEmpty();
    List<Flush> flushes = d.flushDue(30_000);
    assertThat(flushes)
        .extracting(Flush::tickets)
        .containsExactly(java.util.Set.of(7L), java.util.Set.of(7L, 9L));
    assertThat(flushes.get(1).groupKey()).isEqualTo("{}/{}:{alertname=\"A\"}");
    assertThat(flushes.get(0).groupKey()).isEqualTo("{}/{severity=\"critical\"}:{alertname=\"A\"}");
    for (Flush f : flushes) {
      f.deliveries().forEach(x -> d.delivered(f, x, 30_000));
      d.settled(f);
    }
    assertThat(d.flushDue(330_000))
        .allSatisfy(
            f -> {
              assertThat(f.tickets()).isEmpty();
              assertThat(f.deliveries()).isEmpty();
            });
  }

  @Test
  @DisplayName(
      "a notification enters the log only once delivered: one not confirmed is sent again at the"
          + " next group_interval, and the group waits while its flush is out")
  void logsOnlyAfterDelivery() {
    Dispatcher d = new Dispatcher(BASIC);
    d.accept(
        new Alert(
            AlertStatus.FIRING,
            Labels.of("alertname", "A"),
            Map.of(),
            Instant.ofEpochMilli(0),
            null,
            ""),
        1,
        0);
    Flush first = d.flushDue(30_000).get(0);
    assertThat(first.deliveries()).hasSize(1);
    assertThat(d.flushDue(330_000)).as("still sending the first flush").isEmpty();
    assertThat(d.settled(first)).as("the group is kept").isPresent();
    Flush second = d.flushDue(330_000).get(0);
    assertThat(second.deliveries()).as("not delivered, so sent again").hasSize(1);
    d.delivered(second, second.deliveries().get(0), 330_000);
    assertThat(d.settled(second).orElseThrow().notified()).containsKey(0);
    assertThat(d.flushDue(630_000))
        .singleElement()
        .satisfies(f -> assertThat(f.deliveries()).as("delivered, so not again").isEmpty());
  }
}
