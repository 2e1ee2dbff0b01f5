package dev.alerting.rule.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.rule.expr.PromQLParser;
import dev.alerting.rule.group.AlertingRule;
import dev.alerting.rule.group.RecordingRule;
import dev.alerting.rule.group.RuleGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Rule file loading")
class RuleFileLoaderTest {
  private static final RuleFileLoader LOADER = new RuleFileLoader(new PromQLParser());

  private static final String VALID =
      """
      groups:
      - name: database
        interval: 30s
        limit: 50
        rules:
        - alert: DatabaseConnectionsHigh
          expr: database_connections_active{env="prod"} > 80
          for: 2m
          keep_firing_for: 1m
          labels:
            severity: warning
          annotations:
            summary: "{{ $labels.database }} has {{ $value }} connections"
        - record: job:connections:max
          expr: database_connections_active > 0
          labels:
            source: recorded
      - name: app
        rules:
        - alert: Down
          expr: up == 0
      """;

  @Test
  @DisplayName(
      "loads groups, alerting and recording rules with their durations, labels and templates")
  void loadsValidFile() {
    List<RuleGroup> groups = LOADER.parse(VALID, "rules.yml");

    assertThat(groups).extracting(RuleGroup::name).containsExactly("database", "app");
    RuleGroup db = groups.get(0);
    assertThat(db.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(db.limit()).isEqualTo(50);
    assertThat(groups.get(1).limit()).as("no limit").isZero();
    assertThat(db.file()).isEqualTo("rules.yml");
    AlertingRule alert = (AlertingRule) db.rules().get(0);
    assertThat(alert.name()).isEqualTo("DatabaseConnectionsHigh");
    assertThat(alert.expr().text()).isEqualTo("database_connections_active{env=\"prod\"} > 80");
    assertThat(alert.holdDuration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(alert.keepFiringFor()).isEqualTo(Duration.ofMinutes(1));
    assertThat(alert.labels()).containsOnlyKeys("severity");
    assertThat(alert.annotations().get("summary").source())
        .isEqualTo("{{ $labels.database }} has {{ $value }} connections");
    RecordingRule record = (RecordingRule) db.rules().get(1);
    assertThat(record.name()).isEqualTo("job:connections:max");
    assertThat(record.labels()).containsEntry("source", "recorded");
    AlertingRule down = (AlertingRule) groups.get(1).rules().get(0);
    assertThat(groups.get(1).interval()).isEqualTo(RuleGroup.DEFAULT_INTERVAL);
    assertThat(down.holdDuration()).isZero();
  }

  @Test
  @DisplayName("an empty file has no groups")
  void emptyFile() {
    assertThat(LOADER.parse("", "empty.yml")).isEmpty();
    assertThat(LOADER.parse("groups: []", "empty.yml")).isEmpty();
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            "duplicate group names",
            "groups:\n- name: a\n  rules: []\n- name: a\n  rules: []\n",
            "f.yml: group 2 'a': duplicate group name 'a'"),
        Arguments.of(
            "an empty group name",
            "groups:\n- name: ''\n  rules: []\n",
            "f.yml: group 1: group name must not be empty"),
        Arguments.of(
            "a missing expr",
            "groups:\n- name: g\n  rules:\n  - alert: A\n",
            "f.yml: group 1 'g': rule 1 (alert 'A'): field 'expr' must be set"),
        Arguments.of(
            "a bad for duration",
            "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    for: 5 minutes\n",
            "rule 1 (alert 'A'): for: '5 minutes' is not a duration"),
        Arguments.of(
            "a bad keep_firing_for duration",
            "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    keep_firing_for: 1x\n",
            "rule 1 (alert 'A'): keep_firing_for: '1x' is not a duration"),
        Arguments.of(
            "a bad group interval",
            "groups:\n- name: g\n  interval: soon\n  rules: []\n",
            "group 1 'g': interval: 'soon' is not a duration"),
        Arguments.of(
            "a negative group limit",
            "groups:\n- name: g\n  limit: -1\n  rules: []\n",
            "group 1 'g': limit: expected a non-negative integer (0 for no limit), not '-1'"),
        Arguments.of(
            "a group limit that is not an integer",
            "groups:\n- name: g\n  limit: many\n  rules: []\n",
            "group 1 'g': limit: expected a non-negative integer (0 for no limit), not 'many'"),
        Arguments.of(
            "an invalid label name",
            "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    labels:\n      bad-name: x\n",
            "rule 1 (alert 'A'): invalid label name 'bad-name'"),
        Arguments.of(
            "a reserved label name",
            "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    labels:\n      __x: y\n",
            "invalid label name '__x'"),
        Arguments.of(
            "an unknown function, with its position",
            "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up > foo(up)\n",
            "rule 1 (alert 'A'): expr: invalid expression at position 6: unknown function \"foo\""),
        Arguments.of(
            "an expression cut short, with its position",
            "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: sum(up) >\n",
            "rule 1 (alert 'A'): expr: invalid expression at position 10: unexpected end of input"),
        Arguments.of(
            "a range vector result",
            "groups:\n- name: g\n  rules:\n  - record: r\n    expr: up[5m]\n",
            "rule 1 (record 'r'): expr: invalid expression at position 1: expression must evaluate to an instant vector or scalar, got range vector"),
        Arguments.of(
            "an unknown template function",
            "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    annotations:\n      d: '{{ $value | humanise }}'\n",
            "rule 1 (alert 'A'): annotations.d: template error at position 13: template: __alert_A:1:"
                + " function \"humanise\" not defined"),
        Arguments.of(
            "a templated label with an unknown function",
            "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    labels:\n      sev: '{{ nope $value }}'\n",
            "labels.sev: template error at position 4: template: __alert_A:1: function \"nope\" not"
                + " defined"),
        Arguments.of(
            "both alert and record",
            "groups:\n- name: g\n  rules:\n  - alert: A\n    record: b\n    expr: up == 0\n",
            "only one of 'record' and 'alert' may be set"),
        Arguments.of(
            "neither alert nor record",
            "groups:\n- name: g\n  rules:\n  - expr: up == 0\n",
            "rule 1: one of 'record' or 'alert' must be set"),
        Arguments.of(
            "an invalid recording rule name",
            "groups:\n- name: g\n  rules:\n  - record: 1bad\n    expr: up == 0\n",
            "invalid recording rule name '1bad'"),
        Arguments.of(
            "for on a recording rule",
            "groups:\n- name: g\n  rules:\n  - record: ok\n    expr: up == 0\n    for: 1m\n",
            "'for' is only allowed in alerting rules"),
        Arguments.of(
            "an unknown rule field",
            "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    fro: 1m\n",
            "unknown field 'fro'"),
        Arguments.of(
            "an unknown top-level field", "group:\n- name: g\n", "f.yml: unknown field 'group'"),
        Arguments.of("YAML that does not parse", "groups: [\n", "f.yml: not valid YAML"));
  }

  @ParameterizedTest(name = "rejects {0}")
  @MethodSource("invalid")
  @DisplayName("rejects invalid files naming the file, group, rule and reason")
  void rejects(String why, String yaml, String message) {
    assertThatThrownBy(() -> LOADER.parse(yaml, "f.yml"))
        .isInstanceOf(RuleFileException.class)
        .hasMessageContaining(message);
  }

  @Test
  @DisplayName("lists every problem of a file, not just the first")
  void listsAllProblems() {
    String yaml =
        "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: rate(x[5m]) >\n  - alert: B\n    expr: up == 0\n    for: 1y2q\n";
    assertThatThrownBy(() -> LOADER.parse(yaml, "f.yml"))
        .isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.errors()).hasSize(2))
        .hasMessageContaining("rule 1 (alert 'A')")
        .hasMessageContaining("rule 2 (alert 'B')");
  }

  @Test
  @DisplayName(
      "the example seed rules load unchanged: 15 alerting rules in 3 groups, the longest reaching back 1h")
  void seedRulesLoad() throws Exception {
    Path seed = Path.of(getClass().getResource("/seed-rules.yml").toURI());

    List<RuleGroup> groups = LOADER.load(seed);

    assertThat(groups)
        .extracting(RuleGroup::name)
        .containsExactly("llamawool.infrastructure", "llamawool.application", "llamawool.business");
    assertThat(groups.stream().mapToInt(g -> g.rules().size()).sum()).isEqualTo(15);
    assertThat(groups.get(2).rules().get(1).expr().requirements().retention())
        .isEqualTo(Duration.ofMinutes(65));
  }

  @Test
  @DisplayName("a folder loads every .yml and .yaml file in name order and ignores other files")
  void loadsFolder(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("b.yaml"), "groups:\n- name: second\n  rules: []\n");
    Files.writeString(dir.resolve("a.yml"), "groups:\n- name: first\n  rules: []\n");
    Files.writeString(dir.resolve("notes.txt"), "not rules");

    List<RuleGroup> groups = LOADER.load(dir);

    assertThat(groups).extracting(RuleGroup::name).containsExactly("first", "second");
    assertThat(groups.get(0).file()).endsWith("a.yml");
  }

  @Test
  @DisplayName("a folder reports the problems of every file")
  void folderReportsAllFiles(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.yml"), "groups:\n- name: g\n  rules:\n  - alert: A\n");
    Files.writeString(dir.resolve("b.yml"), "groups:\n- name: g\n  interval: x\n  rules: []\n");
    assertThatThrownBy(() -> LOADER.load(dir))
        .isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.errors()).hasSize(2))
        .hasMessageContaining("a.yml: group 1 'g': rule 1 (alert 'A'): field 'expr' must be set")
        .hasMessageContaining("b.yml: group 1 'g': interval:");
  }
}
