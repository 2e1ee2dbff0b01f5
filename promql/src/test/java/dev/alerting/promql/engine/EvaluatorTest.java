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
  @DisplayName("returns a scalar for scalar expressions")
  void scalar() {
    assertThat(PromQL.evaluate(PromQL.parse("time() + 1"), 5000, DATA.store()))
        .isEqualTo(new Value.Scalar(6));
  }
}
