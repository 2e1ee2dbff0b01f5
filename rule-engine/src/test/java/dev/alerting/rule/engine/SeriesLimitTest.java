package dev.alerting.rule.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.sample.Sample;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.alert.AlertState;
import dev.alerting.rule.alert.AlertingRuleState;
import dev.alerting.rule.alert.AlertingRuleState.Health;
import dev.alerting.rule.expr.PromQLParser;
import dev.alerting.rule.file.RuleFileLoader;
import dev.alerting.rule.group.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cap on series per rule ({@code RULES_MAX_SERIES_PER_RULE}) and the group {@code limit}: an
 * evaluation with more result elements than the lower of the two is refused.
 */
@DisplayName("Series limit per rule")
class SeriesLimitTest {
  static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  static RuleEngine engine(int cap, String groupLimit) {
    String yaml =
        """
        groups:
        - name: g
          %s
          rules:
          - alert: Up
            expr: up > 0
          - record: job:up:count
            expr: count by (job) (up)
          - record: up:copy
            expr: up
        """
            .formatted(groupLimit.isEmpty() ? "" : "limit: " + groupLimit);
    return new RuleEngine(
        new RuleFileLoader(new PromQLParser()).parse(yaml, "r.yml"),
        AlertContext.defaults(),
        new EngineOptions(false, cap));
  }

  /** {@code n} series of {@code up} = 1 at {@code atSec}, in one job. */
  static List<Sample> up(int n, long atSec) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Sample.of("up", Labels.of("job", "j", "instance", "i" + i), 1, T0 + atSec * 1000));
    }
    return out;
  }

  static Rule rule(RuleEngine engine, int index) {
    return engine.groups().get(0).rules().get(index);
  }

  static int recorded(RuleEngine engine, String name) {
    return engine.series().select(List.of(Matcher.eq("__name__", name)), 0, Long.MAX_VALUE).size();
  }

  static Stream<Arguments> limits() {
    return Stream.of(
        Arguments.of("at the cap: evaluated", 3, "", 3, ""),
        Arguments.of("one over the cap: refused", 3, "", 4, "series limit 3 exceeded: 4 series"),
        Arguments.of(
            "a group limit below the cap wins", 10, "2", 3, "series limit 2 exceeded: 3 series"),
        Arguments.of(
            "the cap wins over a higher group limit",
            2,
            "10",
            3,
            "series limit 2 exceeded: 3 series"),
        Arguments.of("group limit 0 means none: the cap applies", 5, "0", 5, ""),
        Arguments.of("unlimited engine, no group limit", EngineOptions.UNLIMITED, "", 500, ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("limits")
  void limit(String name, int cap, String groupLimit, int series, String expectError) {
    RuleEngine engine = engine(cap, groupLimit);

    List<Alert> events = engine.accept(up(series, 0));

    AlertingRuleState alerting = engine.state(rule(engine, 0));
    RecordingRuleState perJob = engine.recording(rule(engine, 1));
    RecordingRuleState copy = engine.recording(rule(engine, 2));
    boolean refused = !expectError.isEmpty();
    assertThat(alerting.lastError()).isEqualTo(expectError);
    assertThat(alerting.health()).isEqualTo(refused ? Health.ERR : Health.OK);
    assertThat(alerting.refused()).isEqualTo(refused);
    assertThat(events).hasSize(refused ? 0 : series);
    assertThat(copy.lastError()).isEqualTo(expectError);
    assertThat(recorded(engine, "up:copy")).isEqualTo(refused ? 0 : series);
    assertThat(perJob.health())
        .as("one series per job stays within any limit")
        .isEqualTo(Health.OK);
    assertThat(recorded(engine, "job:up:count")).isEqualTo(1);
    assertThat(engine.refusedEvaluations()).isEqualTo(refused ? 2 : 0);
  }

  @Test
  @DisplayName(
      "a refused evaluation keeps the rule's alerts as they were, and the rule recovers under the limit")
  void refusalKeepsAlerts() {
    RuleEngine engine = engine(3, "");
    AlertingRuleState alerting = engine.state(rule(engine, 0));
    assertThat(engine.accept(up(2, 0))).hasSize(2);

    List<Alert> refused = new ArrayList<>(engine.accept(up(5, 30)));
    refused.addAll(engine.advanceTo(Instant.ofEpochMilli(T0 + 60_000)));

    assertThat(refused).as("neither resolved nor newly fired").isEmpty();
    assertThat(alerting.alerts())
        .extracting(a -> a.labels().get("instance") + " " + a.state())
        .containsExactly("i0 " + AlertState.FIRING, "i1 " + AlertState.FIRING);
    assertThat(alerting.lastError()).isEqualTo("series limit 3 exceeded: 5 series");

    List<Alert> back =
        engine.accept(
            List.of(Sample.of("up", Labels.of("job", "j", "instance", "i0"), 1, T0 + 400_000)));

    assertThat(alerting.health()).isEqualTo(Health.OK);
    assertThat(back)
        .as("i1 has gone stale by now and resolves once the rule is evaluated again")
        .extracting(a -> a.labels().get("instance") + " " + a.status())
        .containsExactly("i1 RESOLVED");
  }

  @Test
  @DisplayName(
      "a rule reports when it starts and stops exceeding its limit, not at every refused evaluation")
  void changesReportedOnce() {
    RuleEngine engine = engine(3, "");
    engine.accept(up(4, 0));
    List<SeriesLimitChange> first = engine.takeSeriesLimitChanges();
    engine.accept(up(4, 10));
    engine.advanceTo(Instant.ofEpochMilli(T0 + 20_000));
    List<SeriesLimitChange> repeated = engine.takeSeriesLimitChanges();
    long refusals = engine.refusedEvaluations();
    // At 400 s, i2 and i3 (last seen at 10 s) are out of the 5 m lookback: two series remain.
    engine.accept(up(2, 400));
    List<SeriesLimitChange> recovered = engine.takeSeriesLimitChanges();

    assertThat(first)
        .extracting(c -> c.rule() + " " + c.exceeded() + " " + c.message())
        .containsExactly(
            "Up true series limit 3 exceeded: 4 series",
            "up:copy true series limit 3 exceeded: 4 series");
    assertThat(repeated).isEmpty();
    assertThat(refusals).as("every refused evaluation is counted").isEqualTo(6);
    assertThat(recovered)
        .extracting(c -> c.group() + "/" + c.rule() + " " + c.exceeded() + " " + c.message())
        .containsExactly(
            "g/Up false back within series limit 3", "g/up:copy false back within series limit 3");
  }
}
