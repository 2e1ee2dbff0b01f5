package dev.alerting.rule.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.sample.Sample;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.expr.PromQLParser;
import dev.alerting.rule.file.RuleFileLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Alert timelines in event time: push a value at t (seconds after T0) or tick the clock to t, and
 * expect exactly the listed events at that step, written {@code firing start=S} or {@code resolved
 * start=S end=E}.
 */
@DisplayName("Alert state machine timelines")
class RuleEngineTimelineTest {
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  record Step(String what, long at, double value, List<String> expect) {
    @Override
    public String toString() {
      return what + "@" + at + "s" + (what.equals("push") ? "=" + value : "") + " -> " + expect;
    }
  }

  static Step push(long at, double value, String... expect) {
    return new Step("push", at, value, List.of(expect));
  }

  static Step stale(long at, String... expect) {
    return new Step("stale", at, 0, List.of(expect));
  }

  static Step tick(long at, String... expect) {
    return new Step("tick", at, 0, List.of(expect));
  }

  static Stream<Arguments> timelines() {
    return Stream.of(
        Arguments.of(
            "pending, firing once for has held since the first true sample, then resolved",
            "for: 1m",
            List.of(
                push(0, 90),
                push(30, 95),
                push(59, 95),
                push(60, 95, "firing start=0"),
                push(75, 99),
                push(90, 70, "resolved start=0 end=90"),
                push(120, 70))),
        Arguments.of(
            "for: 0 fires on the first sample over the threshold",
            "for: 0s",
            List.of(
                push(0, 70),
                push(10, 90, "firing start=10"),
                push(20, 50, "resolved start=10 end=20"))),
        Arguments.of(
            "a pending alert that clears emits nothing",
            "for: 1m",
            List.of(push(0, 90), push(30, 70), push(60, 90), push(90, 70), tick(600))),
        Arguments.of(
            "a condition that breaks restarts the for period",
            "for: 1m",
            List.of(
                push(0, 90),
                push(50, 70),
                push(55, 90),
                push(110, 90),
                push(115, 90, "firing start=55"))),
        Arguments.of(
            "a tick lets for expire without a new sample",
            "for: 1m",
            List.of(push(0, 90), tick(59), tick(60, "firing start=0"), tick(61))),
        Arguments.of(
            "a series not updated for 5 minutes stops matching and its alert resolves",
            "for: 0s",
            List.of(
                push(0, 90, "firing start=0"), tick(299), tick(300, "resolved start=0 end=300"))),
        Arguments.of(
            "a pending alert whose series goes stale never fires",
            "for: 10m",
            List.of(push(0, 90), tick(300), tick(900))),
        Arguments.of(
            "keep_firing_for keeps firing after the condition cleared, then resolves",
            "for: 0s\n    keep_firing_for: 2m",
            List.of(
                push(0, 90, "firing start=0"),
                push(30, 70),
                tick(149),
                tick(150, "resolved start=0 end=150"))),
        Arguments.of(
            "keep_firing_for restarts when the condition holds again",
            "for: 0s\n    keep_firing_for: 1m",
            List.of(
                push(0, 90, "firing start=0"),
                push(30, 70),
                push(60, 90),
                push(100, 70),
                tick(159),
                tick(160, "resolved start=0 end=160"))),
        Arguments.of(
            "a staleness marker ends the series at once",
            "for: 0s",
            List.of(push(0, 90, "firing start=0"), stale(10, "resolved start=0 end=10"))),
        Arguments.of(
            "an out-of-order sample is ignored",
            "for: 0s",
            List.of(push(10, 90, "firing start=10"), push(5, 10), tick(20))),
        Arguments.of(
            "an alert can fire again after it resolved, with a new start",
            "for: 0s",
            List.of(
                push(0, 90, "firing start=0"),
                push(10, 10, "resolved start=0 end=10"),
                push(20, 90, "firing start=20"))),
        Arguments.of(
            "a tick earlier than the clock changes nothing",
            "for: 1m",
            List.of(push(100, 90), tick(50), push(160, 90, "firing start=100"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("timelines")
  @DisplayName("follows Prometheus's alerting rule semantics in event time")
  void timeline(String name, String ruleTiming, List<Step> steps) {
    RuleEngine engine = engine(ruleTiming);
    for (Step step : steps) {
      List<Alert> events = apply(engine, step);
      assertThat(events)
          .as("events at %s", step)
          .extracting(RuleEngineTimelineTest::describe)
          .containsExactlyElementsOf(step.expect());
    }
  }

  static RuleEngine engine(String ruleTiming) {
    String yaml =
        """
        groups:
        - name: db
          rules:
          - alert: ConnectionsHigh
            expr: conns{db="a"} > 80
            %s
        """
            .formatted(ruleTiming);
    return new RuleEngine(
        new RuleFileLoader(new PromQLParser()).parse(yaml, "t.yml"), AlertContext.defaults());
  }

  static List<Alert> apply(RuleEngine engine, Step step) {
    long ts = T0.toEpochMilli() + step.at() * 1000;
    return switch (step.what()) {
      case "push" -> engine.accept(Sample.of("conns", Labels.of("db", "a"), step.value(), ts));
      case "stale" ->
          engine.accept(
              Sample.of(
                  "conns",
                  Labels.of("db", "a"),
                  Double.longBitsToDouble(Sample.STALE_NAN_BITS),
                  ts));
      default -> engine.advanceTo(Instant.ofEpochMilli(ts));
    };
  }

  static String describe(Alert a) {
    List<String> parts = new ArrayList<>();
    parts.add(a.status().wire());
    parts.add("start=" + (a.startsAt().getEpochSecond() - T0.getEpochSecond()));
    if (a.endsAt() != null) {
      parts.add("end=" + (a.endsAt().getEpochSecond() - T0.getEpochSecond()));
    }
    return String.join(" ", parts);
  }
}
