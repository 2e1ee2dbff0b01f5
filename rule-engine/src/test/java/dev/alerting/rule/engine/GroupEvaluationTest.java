package dev.alerting.rule.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.model.sample.Sample;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.alert.AlertingRuleState;
import dev.alerting.rule.expr.PromQLParser;
import dev.alerting.rule.file.RuleFileLoader;
import dev.alerting.rule.group.Rule;
import dev.alerting.rule.group.RuleGroup;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Group evaluation ({@code RULES_GROUP_EVALUATION}) in the engine: which rules it applies to, that
 * it decides as the whole evaluation does when every group gets its samples, and when an element
 * whose group gets no sample changes (at a tick, or once the group's interval has passed).
 */
@DisplayName("Group evaluation")
class GroupEvaluationTest {
  static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  static final String RULES =
      """
      groups:
      - name: combined
        interval: 30s
        rules:
        - alert: ErrorRatio
          expr: rate(req{code=~"5.."}[1m]) / rate(req[1m]) > 0.3
          for: 30s
          annotations:
            summary: "{{ $labels.i }} at {{ $value }}"
        - alert: Slow
          expr: histogram_quantile(0.9, rate(lat_bucket[1m])) > 0.5
          for: 15s
        - alert: Busy
          expr: sum by (job) (rate(req[1m])) > 1
          keep_firing_for: 30s
        - alert: Stalled
          expr: rate(req{code="200"}[1m]) < 0.2
        - alert: Everything
          expr: avg(rate(req[1m])) > 0.5
        - alert: Gauge
          expr: g > 5
        - alert: Top
          expr: topk(1, g) > 8
      """;

  static RuleEngine engine(String rules, boolean groups) {
    List<RuleGroup> parsed = new RuleFileLoader(new PromQLParser()).parse(rules, "r.yml");
    return new RuleEngine(
        parsed,
        AlertContext.defaults(),
        new EngineOptions(true, EngineOptions.UNLIMITED, true, false, groups));
  }

  static List<String> perGroup(RuleEngine engine) {
    List<String> out = new ArrayList<>();
    for (RuleGroup g : engine.groups()) {
      for (Rule r : g.rules()) {
        if (engine.evaluatesPerSeries(r)) {
          out.add(r.name());
        }
      }
    }
    return out;
  }

  @Test
  @DisplayName("applies to rules whose series, or aggregations' inputs, split into groups")
  void classification() {
    // topk picks among ties by input order: evaluated whole
    assertThat(perGroup(engine(RULES, true)))
        .containsExactly("ErrorRatio", "Slow", "Busy", "Stalled", "Everything", "Gauge");
    // off: only the steady rule is evaluated per series
    assertThat(perGroup(engine(RULES, false))).containsExactly("Gauge");
    RuleEngine seed =
        new RuleEngine(
            new RuleFileLoader(new PromQLParser())
                .load(Path.of("src/test/resources/seed-rules.yml")),
            AlertContext.defaults(),
            new EngineOptions(false, EngineOptions.UNLIMITED, true, false, true));
    // every seed rule: CPUUsageHigh keeps avg's input per series
    assertThat(perGroup(seed))
        .hasSize(seed.alertingRules().size())
        .contains("HighErrorRate", "HighResponseTime", "CPUUsageHigh", "RevenueDropped");
  }

  /**
   * Every poll is one whole instant of every series: each group is evaluated at each instant, so
   * the events and alerts must be those of the whole evaluation, ticks included (values too: an
   * aggregation over kept inputs reads them in the store's order).
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6})
  @DisplayName("decides as the whole evaluation when every group gets its samples")
  void sameAsWholeOnWholeInstants(int seed) {
    Random random = new Random(seed);
    RuleEngine groups = engine(RULES, true);
    RuleEngine whole = engine(RULES, false);
    double[] counters = new double[20];
    int firing = 0;
    int resolved = 0;
    long t = T0;
    for (int step = 0; step < 150; step++) {
      t += 5_000 + random.nextInt(15_000);
      List<Sample> poll = new ArrayList<>();
      int c = 0;
      for (int i = 0; i < 4; i++) {
        String job = i < 2 ? "api" : "web";
        for (String code : List.of("200", "500")) {
          counters[c] += random.nextInt(4) == 0 ? 0 : random.nextInt(code.equals("200") ? 40 : 25);
          poll.add(
              Sample.of(
                  "req", Labels.of("i", "i" + i, "job", job, "code", code), counters[c++], t));
        }
        for (String le : List.of("0.25", "1", "+Inf")) {
          counters[c] += random.nextInt(10);
          poll.add(Sample.of("lat_bucket", Labels.of("i", "i" + i, "le", le), counters[c++], t));
        }
        poll.add(Sample.of("g", Labels.of("i", "i" + i), random.nextInt(10), t));
      }
      Collections.shuffle(poll, random);
      String where = "seed " + seed + ", step " + step;
      List<Alert> expected = whole.accept(poll);
      assertThat(groups.accept(poll)).as(where).isEqualTo(expected);
      assertSameState(groups, whole, where);
      firing += (int) expected.stream().filter(a -> a.status() == AlertStatus.FIRING).count();
      resolved += (int) expected.stream().filter(a -> a.status() == AlertStatus.RESOLVED).count();
      if (random.nextInt(4) == 0) {
        Instant tick = Instant.ofEpochMilli(t + random.nextInt(90_000));
        List<Alert> ticked = whole.advanceTo(tick);
        assertThat(groups.advanceTo(tick)).as(where + ", tick").isEqualTo(ticked);
        assertSameState(groups, whole, where + ", tick");
        t = tick.toEpochMilli();
      }
    }
    assertThat(firing).as("firing events").isGreaterThan(10);
    assertThat(resolved).as("resolved events").isGreaterThan(10);
  }

  private static void assertSameState(RuleEngine got, RuleEngine want, String where) {
    for (int i = 0; i < want.alertingRules().size(); i++) {
      AlertingRuleState g = got.alertingRules().get(i);
      AlertingRuleState w = want.alertingRules().get(i);
      String rule = where + ", rule " + w.rule().name();
      assertThat(g.alerts()).as(rule).isEqualTo(w.alerts());
      assertThat(g.health()).as(rule).isEqualTo(w.health());
    }
  }

  static final String QUIET =
      """
      groups:
      - name: quiet
        interval: 1m
        rules:
        - alert: Moving
          expr: rate(c[1m]) > 0
      """;

  /**
   * A counter that stops: the whole evaluation drops its rate once its window holds one sample;
   * evaluated per group, its element stays (kept) while other series' samples come, until a tick or
   * until the group's interval has passed since it was evaluated.
   */
  @ParameterizedTest(name = "tick {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("changes a group without samples at the next tick, else after the group interval")
  void quietGroup(boolean tick) {
    RuleEngine engine = engine(QUIET, true);
    Labels stops = Labels.of("i", "stops");
    Labels goes = Labels.of("i", "goes");
    for (int step = 0; step <= 3; step++) {
      long t = T0 + step * 15_000L;
      engine.accept(List.of(Sample.of("c", stops, step, t), Sample.of("c", goes, step, t)));
    }
    AlertingRuleState moving = engine.alertingRules().get(0);
    assertThat(moving.alerts()).hasSize(2);
    long last = T0 + 45_000;
    // 45 s after its last sample its 1 m window holds one sample: no rate any more
    List<Alert> events = new ArrayList<>();
    events.addAll(engine.accept(List.of(Sample.of("c", goes, 4, last + 15_000))));
    events.addAll(engine.accept(List.of(Sample.of("c", goes, 5, last + 30_000))));
    events.addAll(engine.accept(List.of(Sample.of("c", goes, 6, last + 45_000))));
    assertThat(moving.alerts()).as("kept until its group is evaluated again").hasSize(2);
    if (tick) {
      events.addAll(engine.advanceTo(Instant.ofEpochMilli(last + 46_000)));
      assertThat(moving.alerts()).as("after a tick").hasSize(1);
    } else {
      events.addAll(engine.accept(List.of(Sample.of("c", goes, 7, last + 59_000))));
      assertThat(moving.alerts()).as("59 s after its latest evaluation").hasSize(2);
      events.addAll(engine.accept(List.of(Sample.of("c", goes, 8, last + 60_000))));
      assertThat(moving.alerts()).as("60 s after: refreshed").hasSize(1);
    }
    assertThat(events)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED);
              assertThat(a.labels().get("i")).isEqualTo("stops");
            });
  }
}
