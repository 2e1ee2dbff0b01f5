package dev.alerting.rule.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.sample.Sample;
import dev.alerting.promql.PromQL;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.expr.PromQLParser;
import dev.alerting.rule.file.RuleFileLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Rule engine with PromQL rules")
class RuleEnginePromQLTest {
  static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  static RuleEngine engine(String yaml) {
    return new RuleEngine(
        new RuleFileLoader(new PromQLParser()).parse(yaml, "r.yml"), AlertContext.defaults());
  }

  static Sample req(String code, double v, long atSec) {
    return Sample.of("req_total", Labels.of("job", "api", "code", code), v, T0 + atSec * 1000);
  }

  @Test
  @DisplayName("a sample re-evaluates an aggregation over all its series at the sample's time")
  void aggregationOnSample() {
    RuleEngine engine =
        engine(
            """
        groups:
        - name: g
          rules:
          - alert: ErrorRatio
            expr: sum by (job) (rate(req_total{code="500"}[5m])) / sum by (job) (rate(req_total[5m])) > 0.05
        """);
    engine.accept(List.of(req("200", 0, 0), req("500", 0, 0)));
    engine.accept(req("200", 90, 60));

    List<Alert> events = engine.accept(req("500", 10, 60));

    assertThat(events)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.labels().asMap())
                  .containsExactlyEntriesOf(
                      Labels.of("alertname", "ErrorRatio", "job", "api").asMap());
              assertThat(a.startsAt()).isEqualTo(Instant.ofEpochMilli(T0 + 60_000));
            });
  }

  @Test
  @DisplayName(
      "a recording rule's result is a series that a later rule reads in the same evaluation")
  void recordingFeedsAlert() {
    RuleEngine engine =
        engine(
            """
        groups:
        - name: rec
          rules:
          - record: job:req:sum
            expr: sum by (job) (req_total)
            labels:
              source: rec
        - name: alerts
          rules:
          - alert: Busy
            expr: job:req:sum > 100
        """);

    List<Alert> events = engine.accept(List.of(req("200", 80, 0), req("500", 30, 0)));

    assertThat(events)
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.labels().asMap())
                    .containsExactlyEntriesOf(
                        Labels.of("alertname", "Busy", "job", "api", "source", "rec").asMap()));
    assertThat(PromQL.evaluateVector(PromQL.parse("job:req:sum"), T0, engine.series()))
        .singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(110));
  }

  @Test
  @DisplayName(
      "ALERTS is written for rules that select it, with a stale marker once the alert is gone")
  void alertsSeries() {
    RuleEngine engine =
        engine(
            """
        groups:
        - name: g
          rules:
          - alert: High
            expr: req_total > 10
            for: 5m
          - alert: SomethingPending
            expr: count(ALERTS{alertstate="pending"}) > 0
        """);

    List<Alert> pending = engine.accept(req("200", 50, 0));
    engine.accept(req("200", 1, 60));

    assertThat(pending).extracting(Alert::name).containsExactly("SomethingPending");
    assertThat(engine.alertingRules().get(1).alerts()).isEmpty();
  }

  @Test
  @DisplayName("the history kept and replayed covers the longest window a rule reads")
  void retentionFromRules() {
    RuleEngine engine =
        engine(
            """
        groups:
        - name: g
          rules:
          - alert: Dropped
            expr: (revenue - revenue offset 1h) / revenue offset 1h < -0.5
        """);
    assertThat(engine.retention()).isEqualTo(Duration.ofMinutes(65));
    engine.accept(Sample.of("revenue", Labels.empty(), 1000, T0));

    engine.advanceTo(Instant.ofEpochMilli(T0 + Duration.ofMinutes(60).toMillis()));
    List<Alert> events =
        engine.accept(
            Sample.of("revenue", Labels.empty(), 400, T0 + Duration.ofMinutes(60).toMillis()));

    assertThat(events).extracting(Alert::name).containsExactly("Dropped");
    assertThat(engine.seriesCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("absent() fires on a tick once the series has left the lookback window")
  void absentOnTick() {
    RuleEngine engine =
        engine(
            """
        groups:
        - name: g
          rules:
          - alert: Gone
            expr: absent(req_total{job="api"})
        """);
    engine.accept(req("200", 1, 0));

    List<Alert> early = engine.advanceTo(Instant.ofEpochMilli(T0 + 299_000));
    List<Alert> late = engine.advanceTo(Instant.ofEpochMilli(T0 + 301_000));

    assertThat(early).isEmpty();
    assertThat(late)
        .singleElement()
        .satisfies(a -> assertThat(a.labels().get("job")).isEqualTo("api"));
  }
}
