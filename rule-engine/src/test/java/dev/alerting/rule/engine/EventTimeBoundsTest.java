package dev.alerting.rule.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.model.sample.Sample;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.expr.PromQLParser;
import dev.alerting.rule.file.RuleFileLoader;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Event time that one bad sender clock cannot break, and memory that does not wait for ticks: a
 * sample moves the clock at most to the bound it comes with (its broker time plus the allowed
 * skew), and samples past the retention are evicted as the clock moves, ticks or not.
 */
@DisplayName("Event-time bounds: future-dated samples and eviction without ticks")
class EventTimeBoundsTest {
  static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  static final long SKEW = 60_000;

  static final String RULES =
      """
      groups:
      - name: g
        rules:
        - alert: Hot
          expr: temp > 5
      """;

  static RuleEngine engine() {
    return new RuleEngine(
        new RuleFileLoader(new PromQLParser()).parse(RULES, "r.yml"), AlertContext.defaults());
  }

  static Sample temp(String s, double v, long atMillis) {
    return Sample.of("temp", Labels.of("s", s), v, atMillis);
  }

  /** Accepts samples received at broker time {@code received}, as the stream does. */
  static List<Alert> receive(RuleEngine engine, long received, Sample... samples) {
    Map<Sample, Long> caps = new IdentityHashMap<>();
    for (Sample s : samples) {
      if (s.timestampMillis() > received + SKEW) {
        caps.put(s, received + SKEW);
      }
    }
    return engine.accept(List.of(samples), s -> caps.getOrDefault(s, Long.MAX_VALUE));
  }

  @Test
  @DisplayName(
      "a sample dated 10 minutes ahead of its broker time resolves no alert, makes no real sample"
          + " too old, and is counted; it takes effect when event time reaches it")
  void futureSampleIsBounded() {
    RuleEngine engine = engine();
    assertThat(receive(engine, T0, temp("a", 10, T0), temp("b", 10, T0)))
        .extracting(Alert::status)
        .containsExactly(AlertStatus.FIRING, AlertStatus.FIRING);

    List<Alert> events = receive(engine, T0 + 1000, temp("c", 7, T0 + 600_000));
    events.addAll(
        receive(engine, T0 + 15_000, temp("a", 10, T0 + 15_000), temp("b", 10, T0 + 15_000)));

    assertThat(events).isEmpty();
    // the clock went only as far as c's broker time plus the skew; a and b are late by the rest
    assertThat(engine.now()).isEqualTo(Instant.ofEpochMilli(T0 + 1000 + SKEW));
    assertThat(engine.sampleCounts()).isEqualTo(new SampleCounts(2, 0, 0, 0, 1));

    // when the clock reaches it, the sample counts like any other: c fires then
    List<Alert> atC = engine.advanceTo(Instant.ofEpochMilli(T0 + 600_000));
    assertThat(atC)
        .filteredOn(a -> a.labels().get("s").equals("c"))
        .extracting(Alert::status)
        .containsExactly(AlertStatus.FIRING);
  }

  @Test
  @DisplayName("samples past the retention are evicted as samples move the clock, without ticks")
  void evictsWithoutTicks() {
    RuleEngine engine = engine();
    engine.accept(temp("gone", 1, T0));
    assertThat(engine.seriesCount()).isEqualTo(1);
    for (long t = T0 + 60_000; t <= T0 + 11 * 60_000; t += 60_000) {
      engine.accept(temp("live", 1, t));
    }
    // retention is 5 m: "gone" has nothing left, so it is dropped with no tick having run
    assertThat(engine.seriesCount()).isEqualTo(1);
  }
}
