package dev.alerting.rule.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.model.sample.Sample;
import dev.alerting.rule.alert.ActiveAlert;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.alert.AlertState;
import dev.alerting.rule.alert.AlertingRuleState;
import dev.alerting.rule.engine.RuleEngine;
import dev.alerting.rule.expr.PromQLParser;
import dev.alerting.rule.file.RuleFileLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Alert checkpoint and restore")
class AlertCheckpointTest {
  static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  static final String RULES =
      """
      groups:
      - name: g
        rules:
        - alert: Hot
          expr: temp > 50
          annotations:
            summary: "{{ $labels.room }} at {{ $value }}"
        - alert: Slow
          expr: temp > 50
          for: 10m
      """;

  static RuleEngine engine(String yaml) {
    return new RuleEngine(
        new RuleFileLoader(new PromQLParser()).parse(yaml, "r.yml"), AlertContext.defaults());
  }

  static Sample temp(double v, long atSec) {
    return Sample.of("temp", Labels.of("room", "r1"), v, T0 + atSec * 1000);
  }

  /** The topic's content after applying {@code records} to {@code topic} (null = tombstone). */
  static void write(Map<String, String> topic, Map<String, String> records) {
    records.forEach(
        (k, v) -> {
          if (v == null) {
            topic.remove(k);
          } else {
            topic.put(k, v);
          }
        });
  }

  @Test
  @DisplayName(
      "a restored engine does not re-fire a firing alert and fires a pending one at its original activeAt + for")
  void restoreKeepsFiringAndPending() {
    RuleEngine before = engine(RULES);
    AlertCheckpoint cp = new AlertCheckpoint();
    Map<String, String> topic = new HashMap<>();
    before.accept(temp(90, 0));
    before.accept(temp(91, 60));
    write(topic, cp.changes(before));
    topic.put(AlertCheckpoint.POSITION, cp.position(Map.of(0, 42L), before.now()));

    RuleEngine after = engine(RULES);
    AlertCheckpoint.Restored r = new AlertCheckpoint().restore(topic);
    after.warm(List.of(temp(91, 60)));
    List<Alert> orphans = after.restore(r.clock(), r.alerts());

    assertThat(orphans).isEmpty();
    assertThat(r.offsets()).containsEntry(0, 42L);
    assertThat(after.now()).isEqualTo(Instant.ofEpochMilli(T0 + 60_000));
    assertThat(after.accept(temp(92, 120))).isEmpty();
    List<Alert> fired = after.accept(temp(93, 600));
    assertThat(fired)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.name()).isEqualTo("Slow");
              assertThat(a.startsAt()).isEqualTo(Instant.ofEpochMilli(T0));
            });
    List<Alert> cleared = after.accept(temp(10, 660));
    assertThat(cleared).extracting(Alert::status).containsOnly(AlertStatus.RESOLVED);
    assertThat(cleared).extracting(Alert::name).containsExactlyInAnyOrder("Hot", "Slow");
    assertThat(
            cleared.stream()
                .filter(a -> a.name().equals("Hot"))
                .findFirst()
                .orElseThrow()
                .startsAt())
        .isEqualTo(Instant.ofEpochMilli(T0));
  }

  @Test
  @DisplayName(
      "only state changes are written: a new value is not, firing is, and a resolved alert becomes a tombstone")
  void writesOnlyChanges() {
    RuleEngine engine = engine(RULES);
    AlertCheckpoint cp = new AlertCheckpoint();

    engine.accept(temp(90, 0));
    Map<String, String> first = cp.changes(engine);
    engine.accept(temp(95, 30));
    Map<String, String> valueOnly = cp.changes(engine);
    engine.accept(temp(96, 600));
    Map<String, String> slowFired = cp.changes(engine);
    engine.accept(temp(1, 660));
    Map<String, String> resolved = cp.changes(engine);

    assertThat(first).hasSize(2).allSatisfy((k, v) -> assertThat(k).startsWith("alert/"));
    assertThat(valueOnly).isEmpty();
    assertThat(slowFired).hasSize(1);
    assertThat(slowFired.values().iterator().next()).contains("\"state\":\"firing\"");
    assertThat(resolved).hasSize(2).containsValues((String) null);
  }

  @Test
  @DisplayName(
      "a saved firing alert whose rule changed while down resolves once at restore; pending ones vanish")
  void orphansResolve() {
    RuleEngine before = engine(RULES);
    AlertCheckpoint cp = new AlertCheckpoint();
    Map<String, String> topic = new HashMap<>();
    before.accept(temp(90, 0));
    write(topic, cp.changes(before));
    topic.put(AlertCheckpoint.POSITION, cp.position(Map.of(), before.now()));

    RuleEngine after =
        engine(RULES.replace("temp > 50\n    annotations", "temp > 60\n    annotations"));
    AlertCheckpoint restoredCp = new AlertCheckpoint();
    AlertCheckpoint.Restored r = restoredCp.restore(topic);
    List<Alert> events = after.restore(r.clock(), r.alerts());

    assertThat(events)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.name()).isEqualTo("Hot");
              assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED);
              assertThat(a.endsAt()).isEqualTo(Instant.ofEpochMilli(T0));
              assertThat(a.annotations()).containsEntry("summary", "r1 at 90");
              assertThat(a.generatorUrl()).contains("temp+%3E+50");
            });
    assertThat(after.alertingRules().get(1).state()).isEqualTo(AlertState.PENDING);
    assertThat(restoredCp.changes(after)).hasSize(1).containsValue(null);
  }

  static final String CHURN_RULES =
      """
      groups:
      - name: g
        rules:
        - alert: Hot
          expr: temp > 50
        - alert: Slow
          expr: temp > 40
          for: 2m
        - alert: Sticky
          expr: temp > 60
          keep_firing_for: 1m
      """;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  @DisplayName(
      "after every change the topic holds exactly the engine's alerts with their state and timers,"
          + " through random crossings, ticks, for, keep_firing_for and a reload that drops a rule")
  void topicTracksEveryAlert(long seed) {
    Random random = new Random(seed);
    RuleEngine engine = engine(CHURN_RULES);
    AlertCheckpoint cp = new AlertCheckpoint();
    Map<String, String> topic = new HashMap<>();
    int written = 0;
    int held = 0;
    int[] temps = {10, 30, 45, 55, 65, 75};
    for (int step = 1; step <= 200; step++) {
      if (step == 120) {
        engine.reload(
            new RuleFileLoader(new PromQLParser())
                .parse(CHURN_RULES.substring(0, CHURN_RULES.indexOf("- alert: Sticky")), "r.yml"));
      }
      List<Sample> batch = new ArrayList<>();
      for (int room = 0; room < temps.length; room++) {
        // a random walk: alerts hold for a while, cross both ways, and series go quiet at times
        temps[room] = Math.max(0, Math.min(80, temps[room] + random.nextInt(21) - 10));
        if (random.nextInt(8) > 0) {
          batch.add(
              Sample.of("temp", Labels.of("room", "r" + room), temps[room], T0 + step * 15_000L));
        }
      }
      engine.accept(batch);
      Map<String, String> changes = cp.changes(engine);
      written += changes.size();
      write(topic, changes);
      held += assertTopicHoldsAlerts(engine, topic, "step " + step);
      if (random.nextInt(3) == 0) {
        // a tick between samples: for and keep_firing_for end without a sample (kept results)
        engine.advanceTo(
            Instant.ofEpochMilli(T0 + step * 15_000L + 1_000 + random.nextInt(13_000)));
        Map<String, String> ticked = cp.changes(engine);
        written += ticked.size();
        write(topic, ticked);
        assertTopicHoldsAlerts(engine, topic, "tick after step " + step);
      }
    }
    // an alert is written when it changes, not at every step it is held
    assertThat(written).isGreaterThan(20).isLessThan(held / 2);
  }

  /** Asserts the topic holds exactly the engine's alerts, state and timers; returns how many. */
  private static int assertTopicHoldsAlerts(
      RuleEngine engine, Map<String, String> topic, String when) {
    Map<String, String> expected = new HashMap<>();
    engine.forEachAlertingRule(
        (ruleKey, rule) ->
            rule.forEachAlert(
                (labels, state, activeAt, firedAt, keepFiringSince) ->
                    expected.put(
                        "alert/" + ruleKey + "/" + rule.fingerprint(labels),
                        state.wire() + "@" + activeAt + "/" + firedAt + "/" + keepFiringSince)));
    Map<String, String> actual = new HashMap<>();
    topic.forEach(
        (k, v) -> {
          ActiveAlert a = AlertCheckpoint.decode(k, v).alert();
          actual.put(
              k,
              a.state().wire()
                  + "@"
                  + a.activeAt()
                  + "/"
                  + a.firedAt()
                  + "/"
                  + a.keepFiringSince());
        });
    assertThat(actual).as(when).isEqualTo(expected);
    return expected.size();
  }

  @Test
  @DisplayName(
      "with 1000 alerts held, a poll that resolves one and moves others' values shows the"
          + " checkpoint only that alert; a whole evaluation makes it compare all once")
  void visitsOnlyChangedAlerts() {
    RuleEngine engine = engine(RULES);
    List<Sample> storm = new ArrayList<>();
    for (int room = 0; room < 1000; room++) {
      storm.add(Sample.of("temp", Labels.of("room", "r" + room), 90, T0));
    }
    engine.accept(storm);
    AlertingRuleState hot = engine.alertingRules().get(0);
    List<String> visited = new ArrayList<>();
    AlertingRuleState.AlertChanges visitor =
        new AlertingRuleState.AlertChanges() {
          @Override
          public void visit(
              Labels labels,
              AlertState state,
              Instant activeAt,
              Instant firedAt,
              Instant keepFiringSince) {
            visited.add("changed " + labels.get("room"));
          }

          @Override
          public void gone(Labels labels) {
            visited.add("gone " + labels.get("room"));
          }
        };
    assertThat(hot.takeChanges(visitor)).as("first call: unknown").isFalse();

    engine.accept(
        List.of(
            Sample.of("temp", Labels.of("room", "r7"), 10, T0 + 15_000),
            Sample.of("temp", Labels.of("room", "r8"), 95, T0 + 15_000),
            Sample.of("temp", Labels.of("room", "r1000"), 99, T0 + 15_000)));
    assertThat(hot.takeChanges(visitor)).isTrue();
    assertThat(visited).containsExactlyInAnyOrder("gone r7", "changed r1000");

    visited.clear();
    engine.advanceTo(Instant.ofEpochMilli(T0 + 20_000));
    assertThat(hot.takeChanges(visitor)).as("a tick that changes nothing").isTrue();
    assertThat(visited).isEmpty();

    engine.reload(new RuleFileLoader(new PromQLParser()).parse(RULES, "r.yml"));
    AlertingRuleState reloaded = engine.alertingRules().get(0);
    assertThat(reloaded.takeChanges(visitor)).as("after a reload: unknown").isFalse();
    assertThat(visited).isEmpty();
  }

  @Test
  @DisplayName("an unreadable record is skipped and counted rather than failing the restore")
  void unreadableSkipped() {
    AlertCheckpoint.Restored r = new AlertCheckpoint().restore(Map.of("alert/x/y", "{not json"));
    assertThat(r.alerts()).isEmpty();
    assertThat(r.unreadable()).isEqualTo(1);
    assertThat(r.clock()).isNull();
  }
}
