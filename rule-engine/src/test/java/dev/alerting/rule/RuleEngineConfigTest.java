package dev.alerting.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.model.Labels;
import dev.alerting.platform.config.ConfigException;
import dev.alerting.platform.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Rule engine configuration")
class RuleEngineConfigTest {

  @Test
  @DisplayName(
      "defaults: port 8081, no rules, 1s tick, 5s reload check, localhost external URL, no external labels, 100000 series per rule")
  void defaults() {
    RuleEngineConfig c = RuleEngineConfig.from(Settings.of(Map.of()));
    assertThat(c.httpPort()).isEqualTo(8081);
    assertThat(c.rulesPath()).isEmpty();
    assertThat(c.groups()).isEmpty();
    assertThat(c.tickInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.reloadInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.externalUrl()).isEqualTo("http://localhost:8081");
    assertThat(c.externalLabels()).isEqualTo(Labels.empty());
    assertThat(c.maxSeriesPerRule()).isEqualTo(100_000);
    assertThat(c.engineOptions().maxSeriesPerRule()).isEqualTo(100_000);
    assertThat(c.engineOptions().compressSamples()).isFalse();
    assertThat(c.engineOptions().groupEvaluation()).isTrue();
    assertThat(c.kafka().bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(c.leaderSessionTimeout()).isEqualTo(Duration.ofSeconds(6));
    assertThat(c.leaderGroup()).isEqualTo("rule-engine-leader");
  }

  @Test
  @DisplayName("reads every key and loads the rule file")
  void readsKeys(@TempDir Path dir) throws Exception {
    Path rules =
        Files.writeString(
            dir.resolve("r.yml"),
            "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n");
    RuleEngineConfig c =
        RuleEngineConfig.from(
            Settings.of(
                Map.of(
                    "RULES_HTTP_PORT", "0",
                    "RULES_FILE", rules.toString(),
                    "RULES_TICK_INTERVAL", "250ms",
                    "RULES_EXTERNAL_URL", "https://alerts.example",
                    "RULES_EXTERNAL_LABELS", "cluster=eu-1, replica = a",
                    "RULES_MAX_SERIES_PER_RULE", "50",
                    "RULES_TRANSACTIONAL_ID", "rules-eu",
                    "RULES_LEADER_SESSION_TIMEOUT", "10s",
                    "RULES_STORAGE_COMPRESSION", "true",
                    "KAFKA_BOOTSTRAP_SERVERS", "k:9093")));
    assertThat(c.httpPort()).isZero();
    assertThat(c.groups()).singleElement().satisfies(g -> assertThat(g.name()).isEqualTo("g"));
    assertThat(c.tickInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.alertContext().generatorUrl("up"))
        .isEqualTo("https://alerts.example/graph?g0.expr=up");
    assertThat(c.externalLabels()).isEqualTo(Labels.of("cluster", "eu-1", "replica", "a"));
    assertThat(c.engineOptions().maxSeriesPerRule()).isEqualTo(50);
    assertThat(c.engineOptions().compressSamples()).isTrue();
    assertThat(
            RuleEngineConfig.from(Settings.of(Map.of("RULES_GROUP_EVALUATION", "false")))
                .engineOptions()
                .groupEvaluation())
        .isFalse();
    assertThat(c.kafka().bootstrapServers()).isEqualTo("k:9093");
    assertThat(c.leaderSessionTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.leaderGroup()).isEqualTo("rules-eu-leader");
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(Map.of("RULES_HTTP_PORT", "70000"), "config RULES_HTTP_PORT"),
        Arguments.of(
            Map.of("RULES_FILE", "/does/not/exist.yml"),
            "config RULES_FILE: path /does/not/exist.yml does not exist"),
        Arguments.of(
            Map.of("RULES_TICK_INTERVAL", "0s"), "config RULES_TICK_INTERVAL: must be positive"),
        Arguments.of(Map.of("RULES_TICK_INTERVAL", "often"), "config RULES_TICK_INTERVAL"),
        Arguments.of(
            Map.of("RULES_RELOAD_INTERVAL", "0s"),
            "config RULES_RELOAD_INTERVAL: must be positive"),
        Arguments.of(Map.of("RULES_EXTERNAL_URL", "localhost:8081"), "config RULES_EXTERNAL_URL"),
        Arguments.of(
            Map.of("RULES_EXTERNAL_LABELS", "cluster"),
            "config RULES_EXTERNAL_LABELS: 'cluster' is not name=value"),
        Arguments.of(Map.of("RULES_EXTERNAL_LABELS", "bad-name=x"), "config RULES_EXTERNAL_LABELS"),
        Arguments.of(
            Map.of("RULES_MAX_SERIES_PER_RULE", "0"),
            "config RULES_MAX_SERIES_PER_RULE: '0' is outside 1..2147483647"),
        Arguments.of(
            Map.of("RULES_LEADER_SESSION_TIMEOUT", "500ms"),
            "config RULES_LEADER_SESSION_TIMEOUT: must be at least 1s"),
        Arguments.of(
            Map.of("RULES_MAX_SERIES_PER_RULE", "lots"),
            "config RULES_MAX_SERIES_PER_RULE: 'lots' is not an integer"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalid")
  @DisplayName("a bad value fails with a message naming the key")
  void rejects(Map<String, String> values, String message) {
    assertThatThrownBy(() -> RuleEngineConfig.from(Settings.of(values)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  @DisplayName("an invalid rule file fails as RULES_FILE with the rule's problem")
  void invalidRulesNameTheKey(@TempDir Path dir) throws Exception {
    Path rules =
        Files.writeString(
            dir.resolve("r.yml"),
            "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: sum(up) >\n");
    assertThatThrownBy(
            () -> RuleEngineConfig.from(Settings.of(Map.of("RULES_FILE", rules.toString()))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("config RULES_FILE: ")
        .hasMessageContaining(
            "rule 1 (alert 'A'): expr: invalid expression at position 10: unexpected end of input");
  }
}
