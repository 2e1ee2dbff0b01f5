package dev.alerting.notify.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.notify.config.ConfigLoader;
import dev.alerting.notify.dispatch.Dispatcher;
import dev.alerting.notify.route.Route;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cluster's groups for the API, from firing alerts and the routing tree alone. */
@DisplayName("Alert groups of the cluster")
class ClusterGroupsTest {
  private static final Route ROOT =
      ConfigLoader.parse(
              """
              route:
                receiver: default
                group_by: [team]
                routes:
                - matchers: ['severity="page"']
                  receiver: pager
                  continue: true
                - matchers: ['team="db"']
                  receiver: db
                  group_by: [alertname]
              receivers: [{name: default}, {name: pager}, {name: db}]
              """,
              false)
          .route();

  private static Dispatcher.Received alert(String... labels) {
    return new Dispatcher.Received(
        new Alert(AlertStatus.FIRING, Labels.of(labels), Map.of(), Instant.EPOCH, null, ""), 0);
  }

  /** "receiver {group labels}: alert ids" per group, in answer order. */
  private static List<String> describe(List<ClusterGroups.Group> groups) {
    return groups.stream()
        .map(
            g ->
                g.receiver()
                    + " "
                    + g.labels()
                    + ": "
                    + g.alerts().stream()
                        .map(r -> r.alert().labels().getOrEmpty("id"))
                        .collect(Collectors.joining(" ")))
        .toList();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "grouped by the route's group_by",
            List.of(
                alert("alertname", "A", "team", "web", "id", "1"),
                alert("alertname", "B", "team", "web", "id", "2"),
                alert("alertname", "A", "team", "ops", "id", "3")),
            List.of("default {team=\"ops\"}: 3", "default {team=\"web\"}: 1 2")),
        Arguments.of(
            "a child route groups by its own labels",
            List.of(
                alert("alertname", "Slow", "team", "db", "id", "1"),
                alert("alertname", "Down", "team", "db", "id", "2")),
            List.of("db {alertname=\"Down\"}: 2", "db {alertname=\"Slow\"}: 1")),
        Arguments.of(
            "continue: an alert is in the group of every matching route",
            List.of(alert("alertname", "X", "team", "db", "severity", "page", "id", "1")),
            List.of("db {alertname=\"X\"}: 1", "pager {team=\"db\"}: 1")),
        Arguments.of(
            "alerts ordered by job, then instance, then labels",
            List.of(
                alert("alertname", "A", "team", "web", "job", "b", "id", "1"),
                alert("alertname", "A", "team", "web", "id", "2"),
                alert("alertname", "A", "team", "web", "job", "a", "instance", "y", "id", "3"),
                alert("alertname", "A", "team", "web", "job", "a", "instance", "x", "id", "4")),
            List.of("default {team=\"web\"}: 4 3 1 2")),
        Arguments.of("no alerts, no groups", List.of(), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("every firing alert lands in the groups its routes give it")
  void groups(String name, List<Dispatcher.Received> firing, List<String> expected) {
    assertThat(describe(ClusterGroups.of(ROOT, firing))).isEqualTo(expected);
  }
}
