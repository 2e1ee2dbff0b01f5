package dev.alerting.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.promql.Fixture;
import dev.alerting.promql.PromQL;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The evaluator")
class EvaluatorTest {
  private static final Fixture DATA =
      Fixture.of(
          "g{id=\"ended\"}", "5 6 7",
          "g{id=\"stale\"}", "1 1 stale _ 4",
          "c", "0+10x20");

  @ParameterizedTest(name = "{0} at {1}s -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "g{id=\"ended\"}    | 120 | 7",
        "g{id=\"ended\"}    | 419 | 7",
        "g{id=\"ended\"}    | 420 | none",
        "g{id=\"stale\"}    | 90  | 1",
        "g{id=\"stale\"}    | 120 | none",
        "g{id=\"stale\"}    | 200 | none",
        "g{id=\"stale\"}    | 240 | 4",
        "c offset 2m        | 600 | 80",
        "c offset -1m       | 540 | 100",
        "count_over_time(c[5m]) | 600 | 5",
        "count_over_time(c[5m]) | 601 | 5",
        "count_over_time(c[5m]) | 599 | 5",
        "count_over_time(g{id=\"stale\"}[10m]) | 300 | 3"
      })
  @DisplayName("uses the (t-5m, t] lookback, left-open ranges, staleness markers and offsets")
  void windows(String expr, long t, String expected) {
    Map<String, Double> got = DATA.eval(expr, t);
    if (expected.equals("none")) {
      assertThat(got).isEmpty();
    } else {
      assertThat(got.values()).containsExactly(Double.parseDouble(expected));
    }
  }

  @Test
  @DisplayName(
      "reports the sample's own timestamp through timestamp() and the evaluation time otherwise")
  void timestamps() {
    assertThat(DATA.eval("timestamp(g{id=\"ended\"})", 300)).containsValue(120.0);
    assertThat(DATA.eval("timestamp(abs(g{id=\"ended\"}))", 300)).containsValue(300.0);
  }

  @Test
  @DisplayName("reads @ start() and @ end() and the window functions from the query's bounds")
  void queryWindow() {
    QueryWindow w = new QueryWindow(120_000, 600_000, 60_000);
    java.util.function.Function<String, Value> at180 =
        e ->
            Evaluator.at(
                dev.alerting.promql.syntax.Parser.parse(e),
                180_000,
                w,
                DATA.store(),
                Evaluator.DEFAULT_LOOKBACK);
    assertThat(at180.apply("c @ start()"))
        .isEqualTo(new Value.Vector(java.util.List.of(sample("c", 20, 120_000))));
    assertThat(at180.apply("c @ end()"))
        .isEqualTo(new Value.Vector(java.util.List.of(sample("c", 100, 600_000))));
    assertThat(at180.apply("c @ 60 offset -1m"))
        .isEqualTo(new Value.Vector(java.util.List.of(sample("c", 20, 120_000))));
    assertThat(at180.apply("end() - start() + range() + step()")).isEqualTo(new Value.Scalar(1020));
    // an instant query, as a rule: both bounds are the evaluation time
    assertThat(DATA.eval("c @ start() - c", 300)).containsValue(0.0);
  }

  private static InstantSample sample(String name, double v, long t) {
    return new InstantSample(dev.alerting.model.Labels.of("__name__", name), v, t);
  }

  @Test
  @DisplayName("returns a scalar for scalar expressions")
  void scalar() {
    assertThat(PromQL.evaluate(PromQL.parse("time() + 1"), 5000, DATA.store()))
        .isEqualTo(new Value.Scalar(6));
  }
}
