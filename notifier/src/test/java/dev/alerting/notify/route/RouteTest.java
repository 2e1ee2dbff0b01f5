package dev.alerting.notify.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.notify.config.AlertmanagerConfig;
import dev.alerting.notify.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Route matching")
class RouteTest {
  private static AlertmanagerConfig seed;
  private static AlertmanagerConfig nested;

  @BeforeAll
  static void load() throws Exception {
    seed =
        ConfigLoader.load(Path.of(RouteTest.class.getResource("/seed-alertmanager.yml").toURI()));
    nested =
        ConfigLoader.parse(
            """
            route:
              receiver: root
              routes:
              - matchers: ['team="db"']
                receiver: db
                routes:
                - matchers: ['severity="page"']
                  receiver: db-pager
                  continue: true
                - matchers: ['env=~"prod|staging"']
                  receiver: db-prod
              - matchers: ['team="db"']
                receiver: db-shadow
              - matchers: ['team!~"db|web"']
                receiver: others
            receivers: [{name: root}, {name: db}, {name: db-pager}, {name: db-prod}, {name: db-shadow}, {name: others}]
            """);
  }

  static Stream<Arguments> seedCases() {
    return Stream.of(
        Arguments.of(
            "no child matches: the root receives", Labels.of("alertname", "A"), List.of("default")),
        Arguments.of(
            "team route",
            Labels.of("alertname", "A", "team", "database"),
            List.of("database-team")),
        Arguments.of(
            "critical continues to the team route",
            Labels.of("alertname", "A", "severity", "critical", "team", "game"),
            List.of("critical-alerts", "game-team")),
        Arguments.of(
            "critical without team falls back to nothing more",
            Labels.of("alertname", "A", "severity", "critical"),
            List.of("critical-alerts")),
        Arguments.of(
            "first matching team wins",
            Labels.of("alertname", "A", "team", "backend"),
            List.of("backend-team")),
        Arguments.of(
            "warning is not critical",
            Labels.of("alertname", "A", "severity", "warning", "team", "business"),
            List.of("business-team")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seedCases")
  @DisplayName("the seed config routes alerts to the expected receivers")
  void seedRouting(String name, Labels labels, List<String> receivers) {
    assertThat(seed.route().match(labels))
        .extracting(Route::receiver)
        .containsExactlyElementsOf(receivers);
  }

  static Stream<Arguments> nestedCases() {
    return Stream.of(
        Arguments.of(
            "parent matches, no child: the parent receives",
            Labels.of("team", "db"),
            List.of("db")),
        Arguments.of(
            "continue on a child lets the next sibling match too",
            Labels.of("team", "db", "severity", "page", "env", "prod"),
            List.of("db-pager", "db-prod")),
        Arguments.of(
            "a continuing child alone still counts as a match",
            Labels.of("team", "db", "severity", "page"),
            List.of("db-pager")),
        Arguments.of(
            "the first matching subtree stops the search without continue",
            Labels.of("team", "db", "env", "staging"),
            List.of("db-prod")),
        Arguments.of(
            "negative regex matches a missing label",
            Labels.of("alertname", "x"),
            List.of("others")),
        Arguments.of("negative regex excludes", Labels.of("team", "web"), List.of("root")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nestedCases")
  @DisplayName("nested routes match depth first, first match wins unless continue")
  void nestedRouting(String name, Labels labels, List<String> receivers) {
    assertThat(nested.route().match(labels))
        .extracting(Route::receiver)
        .containsExactlyElementsOf(receivers);
  }

  @Test
  @DisplayName("siblings with equal matchers share a route key but not an id")
  void keysAndIds() {
    Route db = nested.route().routes().get(0);
    Route shadow = nested.route().routes().get(1);
    assertThat(db.key()).isEqualTo(shadow.key()).isEqualTo("{}/{team=\"db\"}");
    assertThat(db.id()).isNotEqualTo(shadow.id());
    assertThat(db.routes().get(1).key()).isEqualTo("{}/{team=\"db\"}/{env=~\"prod|staging\"}");
  }

  @Test
  @DisplayName("group labels take only the group_by names the alert has")
  void groupLabels() {
    GroupBy by = GroupBy.of(List.of("alertname", "cluster"));
    assertThat(by.of(Labels.of("alertname", "A", "instance", "i", "cluster", "c")))
        .isEqualTo(Labels.of("alertname", "A", "cluster", "c"));
    assertThat(by.of(Labels.of("instance", "i"))).isEqualTo(Labels.empty());
    assertThat(GroupBy.of(List.of("...")).of(Labels.of("a", "1", "b", "2")))
        .isEqualTo(Labels.of("a", "1", "b", "2"));
    assertThat(GroupBy.none().of(Labels.of("a", "1"))).isEqualTo(Labels.empty());
  }
}
