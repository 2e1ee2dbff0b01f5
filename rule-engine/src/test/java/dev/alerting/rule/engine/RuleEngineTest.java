package dev.alerting.rule.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.model.sample.Sample;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.alert.AlertState;
import dev.alerting.rule.alert.AlertingRuleState;
import dev.alerting.rule.expr.PromQLParser;
import dev.alerting.rule.file.RuleFileLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Rule engine core")
class RuleEngineTest {
  static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  static final String RULES =
      """
      groups:
      - name: db
        rules:
        - alert: ConnectionsHigh
          expr: conns > 80
          for: 1m
          labels:
            severity: warning
            db: overridden-{{ $labels.db }}
          annotations:
            summary: "{{ $labels.db }} in {{ $externalLabels.cluster }} has {{ $value }} connections"
            share: "{{ $value | humanizePercentage }}"
        - alert: ErrorsAny
          expr: errors{job=~"api|web"} > 0
      """;

  static RuleEngine engine(AlertContext ctx) {
    return new RuleEngine(new RuleFileLoader(new PromQLParser()).parse(RULES, "r.yml"), ctx);
  }

  static Sample conns(String db, double v, long atSec) {
    return Sample.of("conns", Labels.of("db", db, "instance", "h1"), v, T0 + atSec * 1000);
  }

  @Test
  @DisplayName(
      "a firing event carries series labels without __name__, rule labels, alertname, external labels and expanded annotations")
  void firingEventContent() {
    RuleEngine engine =
        engine(
            new AlertContext(
                Labels.of("cluster", "eu-1", "severity", "external"), "https://rules.example/"));

    engine.accept(conns("a", 95, 0));
    List<Alert> events = engine.accept(conns("a", 0.5e3, 60));

    assertThat(events).hasSize(1);
    Alert a = events.get(0);
    assertThat(a.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(a.labels().asMap())
        .containsExactlyEntriesOf(
            Labels.of(
                    "alertname", "ConnectionsHigh",
                    "cluster", "eu-1",
                    "db", "overridden-a",
                    "instance", "h1",
                    "severity", "warning")
                .asMap());
    assertThat(a.annotations())
        .containsEntry("summary", "a in eu-1 has 500 connections")
        .containsEntry("share", "5e+04%");
    assertThat(a.startsAt()).isEqualTo(Instant.ofEpochMilli(T0));
    assertThat(a.endsAt()).isNull();
    assertThat(a.generatorUrl()).isEqualTo("https://rules.example/graph?g0.expr=conns+%3E+80");
    assertThat(a.fingerprint()).isEqualTo(a.labels().fingerprintHex());
  }

  @Test
  @DisplayName(
      "each series gets its own alert, and a sample of one series keeps the others' alerts")
  void alertsPerSeries() {
    RuleEngine engine = engine(AlertContext.defaults());
    engine.accept(conns("a", 90, 0));
    engine.accept(conns("b", 90, 10));

    List<Alert> atA = engine.accept(conns("a", 90, 60));
    List<Alert> atB = engine.accept(conns("b", 90, 70));

    assertThat(atA)
        .extracting(a -> a.labels().get("instance") + "/" + a.labels().get("db"))
        .containsExactly("h1/overridden-a");
    assertThat(atB).extracting(a -> a.labels().get("db")).containsExactly("overridden-b");
    assertThat(atA.get(0).fingerprint()).isNotEqualTo(atB.get(0).fingerprint());
  }

  @Test
  @DisplayName("a batch is applied in timestamp order, so for counts from its earliest true sample")
  void batchInTimestampOrder() {
    RuleEngine engine = engine(AlertContext.defaults());

    List<Alert> events =
        engine.accept(List.of(conns("a", 90, 60), conns("a", 90, 0), conns("a", 90, 30)));

    assertThat(events)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.isFiring()).isTrue();
              assertThat(a.startsAt()).isEqualTo(Instant.ofEpochMilli(T0));
            });
  }

  @Test
  @DisplayName("a sample only evaluates the rules that select it")
  void samplesEvaluateOnlyTheirRules() {
    RuleEngine engine = engine(AlertContext.defaults());

    engine.accept(conns("a", 1, 0));
    long afterConns = engine.evaluations();
    engine.accept(Sample.of("errors", Labels.of("job", "batch"), 5, T0 + 1000));
    long afterUnselected = engine.evaluations();
    engine.accept(Sample.of("errors", Labels.of("job", "api"), 5, T0 + 2000));

    assertThat(afterConns).isEqualTo(1);
    assertThat(afterUnselected).isEqualTo(1);
    assertThat(engine.evaluations()).isEqualTo(2);
  }

  @Test
  @DisplayName("rule state shows pending then firing alerts with activeAt and value")
  void ruleStateForApi() {
    RuleEngine engine = engine(AlertContext.defaults());
    AlertingRuleState rule = engine.alertingRules().get(0);
    assertThat(rule.state()).isEqualTo(AlertState.INACTIVE);
    assertThat(rule.health()).isEqualTo(AlertingRuleState.Health.UNKNOWN);

    engine.accept(conns("a", 90, 0));
    assertThat(rule.state()).isEqualTo(AlertState.PENDING);
    assertThat(rule.health()).isEqualTo(AlertingRuleState.Health.OK);

    engine.accept(conns("a", 91, 60));
    assertThat(rule.state()).isEqualTo(AlertState.FIRING);
    assertThat(rule.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.state()).isEqualTo(AlertState.FIRING);
              assertThat(a.activeAt()).isEqualTo(Instant.ofEpochMilli(T0));
              assertThat(a.value()).isEqualTo(91);
              assertThat(a.labels().get("alertname")).isEqualTo("ConnectionsHigh");
            });
    assertThat(engine.now()).isEqualTo(Instant.ofEpochMilli(T0 + 60_000));
  }

  @Test
  @DisplayName("two results with the same alert labels mark the rule unhealthy instead of alerting")
  void duplicateLabelsetIsAnError() {
    String yaml =
        "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: conns > 0\n    labels:\n      db: same\n";
    RuleEngine engine =
        new RuleEngine(
            new RuleFileLoader(new PromQLParser()).parse(yaml, "r.yml"), AlertContext.defaults());

    List<Alert> events =
        engine.accept(
            List.of(
                Sample.of("conns", Labels.of("db", "a"), 1, T0),
                Sample.of("conns", Labels.of("db", "b"), 1, T0)));

    assertThat(events).isEmpty();
    AlertingRuleState rule = engine.alertingRules().get(0);
    assertThat(rule.health()).isEqualTo(AlertingRuleState.Health.ERR);
    assertThat(rule.lastError()).contains("same labelset");
  }

  @Test
  @DisplayName("replaying the same samples and ticks yields the same events")
  void deterministicReplay() {
    List<String> first = replay();
    List<String> second = replay();
    assertThat(first).isNotEmpty().isEqualTo(second);
  }

  private static List<String> replay() {
    RuleEngine engine = engine(AlertContext.defaults());
    List<Alert> all = new ArrayList<>();
    all.addAll(engine.accept(List.of(conns("a", 90, 0), conns("b", 95, 5))));
    all.addAll(engine.advanceTo(Instant.ofEpochMilli(T0 + 65_000)));
    all.addAll(engine.accept(conns("a", 10, 70)));
    all.addAll(engine.advanceTo(Instant.ofEpochMilli(T0 + 600_000)));
    return all.stream()
        .map(a -> a.status() + " " + a.labels() + " " + a.startsAt() + " " + a.endsAt())
        .toList();
  }

  @Test
  @DisplayName("series that fell out of the lookback window are forgotten on a tick")
  void evictsStaleSeries() {
    RuleEngine engine = engine(AlertContext.defaults());
    engine.accept(conns("a", 1, 0));
    engine.accept(conns("b", 1, 200));
    assertThat(engine.seriesCount()).isEqualTo(2);

    engine.advanceTo(Instant.ofEpochMilli(T0 + 300_000));

    assertThat(engine.seriesCount()).isEqualTo(1);
  }
}
