package dev.alerting.rule.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.sample.Sample;
import dev.alerting.promql.storage.SeriesSamples;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.expr.PromQLParser;
import dev.alerting.rule.file.RuleFileLoader;
import java.time.Duration;
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
 * The late-sample policy of {@link RuleEngine#accept}: the clock stands at 600 s (samples of {@code
 * reqs{s="a"}} at 500 s and 600 s), retention is 5 m, so 300 s is the cutoff.
 */
@DisplayName("Late and out-of-order samples")
class LateSamplesTest {
  static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  static final String RULES =
      """
      groups:
      - name: g
        rules:
        - alert: Busy
          expr: count_over_time(reqs[5m]) >= 3
      """;

  static RuleEngine engine() {
    RuleEngine engine =
        new RuleEngine(
            new RuleFileLoader(new PromQLParser()).parse(RULES, "r.yml"), AlertContext.defaults());
    engine.accept(reqs("a", 1, 500));
    engine.accept(reqs("a", 2, 600));
    return engine;
  }

  static Sample reqs(String s, double v, long atSec) {
    return Sample.of("reqs", Labels.of("s", s), v, T0 + atSec * 1000);
  }

  /** The samples series {@code s} holds, as "seconds=value". */
  static List<String> held(RuleEngine engine, String s) {
    List<SeriesSamples> got =
        engine
            .series()
            .select(
                List.of(Matcher.eq("__name__", "reqs"), Matcher.eq("s", s)),
                Long.MIN_VALUE,
                Long.MAX_VALUE);
    List<String> out = new ArrayList<>();
    for (SeriesSamples w : got) {
      for (int i = 0; i < w.timestamps().length; i++) {
        out.add((w.timestamps()[i] - T0) / 1000 + "=" + (long) w.values()[i]);
      }
    }
    return out;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "a sample at the clock is neither late nor dropped",
            reqs("b", 7, 600),
            List.of("600=7"),
            new SampleCounts(0, 0, 0, 0, 0)),
        Arguments.of(
            "a sample older than the clock but within retention is stored and counted late",
            reqs("b", 7, 400),
            List.of("400=7"),
            new SampleCounts(1, 0, 0, 0, 0)),
        Arguments.of(
            "a sample just inside clock − retention is late",
            reqs("b", 7, 301),
            List.of("301=7"),
            new SampleCounts(1, 0, 0, 0, 0)),
        Arguments.of(
            "a sample exactly at clock − retention is dropped as too old",
            reqs("b", 7, 300),
            List.of(),
            new SampleCounts(0, 1, 0, 0, 0)),
        Arguments.of(
            "a sample far older than the retention is dropped as too old",
            reqs("b", 7, 0),
            List.of(),
            new SampleCounts(0, 1, 0, 0, 0)),
        Arguments.of(
            "a redelivered sample at the clock replaces the value and counts as a duplicate",
            reqs("a", 9, 600),
            List.of("500=1", "600=9"),
            new SampleCounts(0, 0, 1, 0, 0)),
        Arguments.of(
            "a redelivered older sample replaces the value and counts as late and duplicate",
            reqs("a", 9, 500),
            List.of("500=9", "600=2"),
            new SampleCounts(1, 0, 1, 0, 0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void policy(String name, Sample sample, List<String> expectHeld, SampleCounts expectCounts) {
    RuleEngine engine = engine();
    long evaluationsBefore = engine.evaluations();

    engine.accept(sample);

    assertThat(engine.sampleCounts()).isEqualTo(expectCounts);
    assertThat(held(engine, sample.series().get("s"))).isEqualTo(expectHeld);
    assertThat(engine.now()).as("the clock").isEqualTo(Instant.ofEpochMilli(T0 + 600_000));
    assertThat(engine.evaluations() - evaluationsBefore)
        .as("evaluations triggered")
        .isEqualTo(expectCounts.tooOld() > 0 ? 0 : 1);
  }

  @Test
  @DisplayName(
      "a late sample can complete a window: the rule is evaluated at the clock, not at the sample's time")
  void lateSampleCompletesWindow() {
    RuleEngine engine = engine();

    List<Alert> events = engine.accept(reqs("a", 3, 550));

    assertThat(events)
        .singleElement()
        .satisfies(a -> assertThat(a.startsAt()).isEqualTo(Instant.ofEpochMilli(T0 + 600_000)));
    assertThat(engine.sampleCounts().late()).isEqualTo(1);
  }

  @Test
  @DisplayName("a late sample does not revisit a firing alert emitted before it")
  void lateSampleKeepsEmittedDecision() {
    RuleEngine engine =
        new RuleEngine(
            new RuleFileLoader(new PromQLParser())
                .parse(
                    "groups:\n- name: g\n  rules:\n  - alert: High\n    expr: reqs > 80\n",
                    "r.yml"),
            AlertContext.defaults());
    assertThat(engine.accept(reqs("a", 90, 600))).hasSize(1);

    List<Alert> events = engine.accept(reqs("a", 10, 590));

    assertThat(events).isEmpty();
    assertThat(engine.alertingRules().get(0).alerts()).hasSize(1);
  }

  @Test
  @DisplayName("samples within one batch are applied in time order, so none of them is late")
  void batchIsNotLate() {
    RuleEngine engine =
        new RuleEngine(
            new RuleFileLoader(new PromQLParser()).parse(RULES, "r.yml"), AlertContext.defaults());

    engine.accept(List.of(reqs("a", 3, 600), reqs("a", 1, 0), reqs("a", 2, 300)));

    assertThat(engine.sampleCounts()).isEqualTo(new SampleCounts(0, 0, 0, 0, 0));
    assertThat(engine.retention()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  @DisplayName("a series no rule selects moves the clock but is not stored, and is counted")
  void unselectedSeriesIsNotStored() {
    RuleEngine engine = engine();
    Sample other = Sample.of("unrelated_metric", Labels.of("s", "a"), 1, T0 + 700_000);

    engine.accept(other);

    assertThat(engine.sampleCounts()).isEqualTo(new SampleCounts(0, 0, 0, 1, 0));
    assertThat(engine.now()).isEqualTo(Instant.ofEpochMilli(T0 + 700_000));
    assertThat(
            engine
                .series()
                .select(List.of(Matcher.eq("__name__", "unrelated_metric")), 0, Long.MAX_VALUE))
        .isEmpty();
    assertThat(held(engine, "a")).hasSize(2);
  }

  @Test
  @DisplayName(
      "a batch out of time order over held and new series puts each sample in its own series")
  void unorderedBatchOverHeldAndNewSeries() {
    RuleEngine engine = engine();

    // sorted by time the batch is b@610, c@620, a@630, b@640, a@650; b and c are new, and b's
    // second sample finds the series its first one added
    engine.accept(
        List.of(
            reqs("a", 5, 650),
            reqs("b", 4, 640),
            reqs("c", 2, 620),
            reqs("a", 3, 630),
            reqs("b", 1, 610)));

    assertThat(held(engine, "a")).containsExactly("500=1", "600=2", "630=3", "650=5");
    assertThat(held(engine, "b")).containsExactly("610=1", "640=4");
    assertThat(held(engine, "c")).containsExactly("620=2");
    assertThat(engine.sampleCounts()).isEqualTo(new SampleCounts(0, 0, 0, 0, 0));
  }
}
