package dev.alerting.rule.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.model.sample.Sample;
import dev.alerting.rule.alert.ActiveAlert;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.alert.AlertState;
import dev.alerting.rule.alert.AlertingRuleState;
import dev.alerting.rule.expr.PromQLParser;
import dev.alerting.rule.file.RuleFileLoader;
import dev.alerting.rule.group.Rule;
import dev.alerting.rule.group.RuleGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Incremental evaluation (steady per-series rules read only the series a poll changed) against full
 * evaluation: the same random stream of polls, samples stored unreported (warm, load) and ticks
 * must give the same events in the same order and the same alerts, health and errors after every
 * step.
 */
@DisplayName("Incremental evaluation")
class IncrementalEvaluationTest {
  static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  static final double STALE = Double.longBitsToDouble(Sample.STALE_NAN_BITS);

  static final String RULES =
      """
      groups:
      - name: steady
        rules:
        - alert: High
          expr: x > 6
          for: 1m
          labels:
            severity: warning
          annotations:
            summary: "{{ $labels.i }} is at {{ $value }}"
        - alert: Kept
          expr: x > 8
          keep_firing_for: 2m
        - alert: Pairs
          expr: x > 7
          for: 30s
          labels:
            i: "{{ $labels.pair }}"
        - alert: Far
          expr: abs(x - 5) >= bool 4
          for: 30s
        - alert: Low
          expr: 3 >= x
          for: 15s
          annotations:
            value: "{{ $value }}"
        - alert: Exact
          expr: (x) == (5)
          keep_firing_for: 30s
        - alert: Relabelled
          expr: label_replace(x, "host", "h-$1", "i", "(.*)") > 5
          for: 30s
        - alert: Rate
          expr: rate(c[1m]) > 0.2
          for: 1m
          keep_firing_for: 1m
        - alert: Sum
          expr: sum(x) > 30
        - record: x_doubled
          expr: x * 2
        - alert: DoubledHigh
          expr: x_doubled > 15
      - name: limited
        limit: 3
        rules:
        - alert: Capped
          expr: x > 4
          for: 15s
      """;

  static RuleEngine engine(boolean incremental) {
    List<RuleGroup> groups = new RuleFileLoader(new PromQLParser()).parse(RULES, "r.yml");
    return new RuleEngine(
        groups,
        AlertContext.defaults(),
        new EngineOptions(true, EngineOptions.UNLIMITED, incremental));
  }

  static IntStream seeds() {
    return IntStream.rangeClosed(1, 25);
  }

  @Test
  @DisplayName("evaluates per series exactly the steady alerting rules that read only input series")
  void classification() {
    RuleEngine engine = engine(true);
    List<String> perSeries = new ArrayList<>();
    for (RuleGroup g : engine.groups()) {
      for (Rule r : g.rules()) {
        if (engine.evaluatesPerSeries(r)) {
          perSeries.add(r.name());
        }
      }
    }
    assertThat(perSeries).containsExactly("High", "Kept", "Pairs", "Far", "Low", "Exact", "Capped");
    assertThat(engine(false).groups().stream().flatMap(g -> g.rules().stream()))
        .noneMatch(engine(false)::evaluatesPerSeries);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @DisplayName("gives the same events and alerts as full evaluation on a random stream")
  void sameAsFull(int seed) {
    Random random = new Random(seed);
    RuleEngine incremental = engine(true);
    RuleEngine full = engine(false);
    Stream stream = new Stream(random);
    int firing = 0;
    int resolved = 0;
    int errors = 0;
    int tickFiring = 0;
    int tickResolved = 0;
    for (int step = 0; step < 400; step++) {
      String where = "seed " + seed + ", step " + step;
      List<Sample> poll = stream.poll();
      List<Alert> expected = List.of();
      int how = random.nextInt(40);
      if (how == 0) {
        // stored unreported: per-series results are unknown until the next poll reads all series
        full.warm(poll);
        incremental.warm(poll);
      } else if (how == 1) {
        full.load(poll);
        incremental.load(poll);
      } else {
        expected = full.accept(poll);
        assertThat(incremental.accept(poll)).as(where + ", poll %s", poll).isEqualTo(expected);
      }
      assertSameState(incremental, full, where);
      if (step == 200) {
        // kept rules take over their alerts; the per-series results start over
        List<RuleGroup> same = new RuleFileLoader(new PromQLParser()).parse(RULES, "r.yml");
        assertThat(incremental.reload(same).events()).isEqualTo(full.reload(same).events());
      }
      // Several ticks in a row, so ticks also follow ticks with no sample between them.
      int ticks = random.nextInt(10) < 4 ? 1 + random.nextInt(4) : 0;
      for (int k = 0; k < ticks; k++) {
        Instant tick = Instant.ofEpochMilli(stream.tick(full));
        List<Alert> ticked = full.advanceTo(tick);
        String at = where + ", tick " + k + " at " + tick;
        assertThat(incremental.advanceTo(tick)).as(at).isEqualTo(ticked);
        assertSameState(incremental, full, at);
        tickFiring += (int) ticked.stream().filter(a -> a.status() == AlertStatus.FIRING).count();
        tickResolved +=
            (int) ticked.stream().filter(a -> a.status() == AlertStatus.RESOLVED).count();
      }
      firing += (int) expected.stream().filter(a -> a.status() == AlertStatus.FIRING).count();
      resolved += (int) expected.stream().filter(a -> a.status() == AlertStatus.RESOLVED).count();
      errors +=
          (int)
              full.alertingRules().stream()
                  .filter(r -> r.health() == AlertingRuleState.Health.ERR)
                  .count();
    }
    // The stream must exercise what it compares.
    assertThat(firing).as("firing events").isGreaterThan(10);
    assertThat(resolved).as("resolved events").isGreaterThan(10);
    assertThat(errors).as("evaluations in error (duplicate labels, series limit)").isPositive();
    assertThat(tickFiring).as("firing events of ticks").isGreaterThan(3);
    assertThat(tickResolved).as("resolved events of ticks").isGreaterThan(3);
    assertThat(stream.boundaryTicks).as("ticks on a lookback or timer boundary").isGreaterThan(20);
  }

  /** A series' element ends when its newest sample is exactly the lookback (5 m) old. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("lookbackEdges")
  @DisplayName("ends a kept series' element at a tick exactly one lookback after its newest sample")
  void tickAtLookbackEdge(String name, long tickOffset, int highAlerts, int keptAlerts) {
    RuleEngine incremental = engine(true);
    RuleEngine full = engine(false);
    List<Sample> poll =
        List.of(
            Sample.of("x", Labels.of("i", "0", "pair", "0"), 9, T0),
            Sample.of("x", Labels.of("i", "1", "pair", "0"), 1, T0 + 200_000));
    assertThat(incremental.accept(poll)).isEqualTo(full.accept(poll));
    // A tick before, so the edge tick follows a tick and reads only kept results.
    Instant before = Instant.ofEpochMilli(T0 + 120_000);
    assertThat(incremental.advanceTo(before)).isEqualTo(full.advanceTo(before));
    Instant edge = Instant.ofEpochMilli(T0 + 300_000 + tickOffset);
    List<Alert> events = full.advanceTo(edge);
    assertThat(incremental.advanceTo(edge)).isEqualTo(events);
    assertSameState(incremental, full, name);
    assertThat(full.state(rule(full, "High")).alerts()).hasSize(highAlerts);
    assertThat(full.state(rule(full, "Kept")).alerts()).hasSize(keptAlerts);
  }

  static java.util.stream.Stream<Arguments> lookbackEdges() {
    return java.util.stream.Stream.of(
        Arguments.of("1 ms before the lookback: still there", -1L, 1, 1),
        Arguments.of("at the lookback: gone, Kept keeps firing", 0L, 0, 1),
        Arguments.of("1 ms after the lookback: gone", 1L, 0, 1));
  }

  @Test
  @DisplayName("reads every series again after samples were stored without evaluation (warm)")
  void afterWarm() {
    RuleEngine incremental = engine(true);
    RuleEngine full = engine(false);
    List<Sample> first = List.of(Sample.of("x", Labels.of("i", "1", "pair", "0"), 1, T0));
    assertThat(incremental.accept(first)).isEqualTo(full.accept(first));
    List<Sample> history = List.of(Sample.of("x", Labels.of("i", "0", "pair", "0"), 9, T0 + 5_000));
    incremental.warm(history);
    full.warm(history);
    List<Sample> poll = List.of(Sample.of("x", Labels.of("i", "1", "pair", "0"), 7, T0 + 10_000));
    assertThat(incremental.accept(poll)).isEqualTo(full.accept(poll));
    assertSameState(incremental, full, "first poll after warm");
    assertThat(full.state(rule(full, "High")).alerts()).hasSize(2);
  }

  private static Rule rule(RuleEngine engine, String name) {
    return engine.groups().stream()
        .flatMap(g -> g.rules().stream())
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static void assertSameState(RuleEngine incremental, RuleEngine full, String where) {
    List<AlertingRuleState> got = incremental.alertingRules();
    List<AlertingRuleState> want = full.alertingRules();
    for (int i = 0; i < want.size(); i++) {
      String rule = where + ", rule " + want.get(i).rule().name();
      assertThat(got.get(i).alerts()).as(rule).isEqualTo(want.get(i).alerts());
      assertThat(got.get(i).health()).as(rule).isEqualTo(want.get(i).health());
      assertThat(got.get(i).lastError()).as(rule).isEqualTo(want.get(i).lastError());
      assertThat(got.get(i).lastEvaluation()).as(rule).isEqualTo(want.get(i).lastEvaluation());
    }
  }

  /**
   * Polls of a few samples of six gauges {@code x} (two per {@code pair}) and three counters {@code
   * c}: values crossing the thresholds, late and too-old samples, redeliveries, stale markers, and
   * gaps longer than the 5 m lookback.
   */
  static final class Stream {
    final Random random;
    final double[] counters = new double[3];
    final List<Long> sampleTimes = new ArrayList<>();
    long clock = T0;
    int boundaryTicks;

    Stream(Random random) {
      this.random = random;
    }

    List<Sample> poll() {
      clock += random.nextInt(20) == 0 ? 330_000 + random.nextInt(200_000) : random.nextInt(30_000);
      List<Sample> out = new ArrayList<>();
      int n = 1 + random.nextInt(6);
      for (int k = 0; k < n; k++) {
        long t = clock;
        int when = random.nextInt(20);
        if (when < 3) {
          t -= 1 + random.nextInt(290_000); // late, within the 5 m retention
        } else if (when == 3) {
          t -= 300_000 + random.nextInt(100_000); // too old: dropped
        }
        Sample s = random.nextBoolean() ? gauge(t) : counter(t);
        out.add(s);
        if (random.nextInt(15) == 0) {
          out.add(new Sample(s.series(), s.value() + 1, s.timestampMillis())); // redelivery
        }
      }
      Collections.shuffle(out, random);
      for (Sample s : out) {
        sampleTimes.add(s.timestampMillis());
      }
      while (sampleTimes.size() > 40) {
        sampleTimes.remove(0);
      }
      return out;
    }

    private Sample gauge(long t) {
      int i = random.nextInt(6);
      double v = random.nextInt(25) == 0 ? STALE : random.nextInt(11);
      return Sample.of("x", Labels.of("i", "" + i, "pair", "" + i / 2), v, t);
    }

    private Sample counter(long t) {
      int i = random.nextInt(3);
      counters[i] = random.nextInt(30) == 0 ? 0 : counters[i] + random.nextInt(40);
      double v = random.nextInt(25) == 0 ? STALE : counters[i];
      return Sample.of("c", Labels.of("i", "" + i), v, t);
    }

    /**
     * A tick time: at or a little after the latest sample, far past the lookback, or on (or 1 ms
     * around) an edge: a sample's lookback end, a pending alert's {@code for} or a kept alert's
     * {@code keep_firing_for}, read from {@code engine}. Ticks at or before the clock do nothing.
     */
    long tick(RuleEngine engine) {
      int kind = random.nextInt(10);
      if (kind < 2) {
        clock += random.nextInt(3) == 0 ? 0 : random.nextInt(20_000);
      } else if (kind < 3) {
        clock += 300_000 + random.nextInt(600_000);
      } else {
        List<Long> edges = edges(engine);
        if (edges.isEmpty()) {
          clock += random.nextInt(20_000);
        } else {
          boundaryTicks++;
          long edge = edges.get(random.nextInt(edges.size())) + random.nextInt(3) - 1;
          clock = Math.max(clock, edge);
        }
      }
      return clock;
    }

    private List<Long> edges(RuleEngine engine) {
      long now = engine.now() == null ? Long.MIN_VALUE : engine.now().toEpochMilli();
      List<Long> out = new ArrayList<>();
      for (long t : sampleTimes) {
        out.add(t + RuleEngine.LOOKBACK.toMillis());
      }
      for (AlertingRuleState r : engine.alertingRules()) {
        for (ActiveAlert a : r.alerts()) {
          if (a.state() == AlertState.PENDING) {
            out.add(a.activeAt().toEpochMilli() + r.rule().holdDuration().toMillis());
          } else if (a.keepFiringSince() != null) {
            out.add(a.keepFiringSince().toEpochMilli() + r.rule().keepFiringFor().toMillis());
          }
        }
      }
      out.removeIf(t -> t < now);
      return out;
    }
  }
}
