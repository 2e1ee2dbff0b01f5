package dev.alerting.promql.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.promql.Fixture;
import dev.alerting.promql.engine.EvaluationException;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Functions")
class FunctionsTest {
  private static final Fixture DATA =
      Fixture.of(
          "c{id=\"steady\"}", "0+10x20",
          "c{id=\"reset\"}", "0 10 20 30 40 50 60 5 15 25 35 45",
          "c{id=\"late\"}", "_x8 100 110 120",
          "g{id=\"a\"}", "10 8 12 5 9 3 7 11 2 6 4",
          "b{le=\"1\"}", "0+1x10",
          "b{le=\"2\"}", "0+3x10",
          "b{le=\"+Inf\"}", "0+4x10",
          "up{instance=\"host-1:9090\"}", "1x10");

  @ParameterizedTest(name = "{0} at {1}s = {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Values cross-checked against promtool 2.42 (see the conformance suite).
        "rate(c{id=\"steady\"}[5m])       | 630 | {id=\"steady\"} | 0.16666666666666666",
        "increase(c{id=\"steady\"}[5m])   | 630 | {id=\"steady\"} | 50",
        "increase(c{id=\"reset\"}[5m])    | 630 | {id=\"reset\"}  | 43.75",
        "increase(c{id=\"late\"}[5m])     | 630 | {id=\"late\"}   | 30",
        "delta(g[5m])                     | 630 | {id=\"a\"}      | -3.75",
        "irate(c{id=\"reset\"}[5m])       | 450 | {id=\"reset\"}  | 0.08333333333333333",
        "idelta(g[5m])                    | 630 | {id=\"a\"}      | -2",
        "changes(g[10m])                  | 630 | {id=\"a\"}      | 9",
        "resets(c{id=\"reset\"}[10m])     | 630 | {id=\"reset\"}  | 1",
        "avg_over_time(g[5m])             | 630 | {id=\"a\"}      | 6",
        "min_over_time(g[5m])             | 630 | {id=\"a\"}      | 2",
        "max_over_time(g[5m])             | 630 | {id=\"a\"}      | 11",
        "sum_over_time(g[5m])             | 630 | {id=\"a\"}      | 30",
        "count_over_time(g[5m])           | 630 | {id=\"a\"}      | 5",
        "last_over_time(g[5m])            | 630 | g{id=\"a\"}     | 4",
        "quantile_over_time(0.5, g[5m])   | 630 | {id=\"a\"}      | 6",
        "stddev_over_time(g[10m])         | 630 | {id=\"a\"}      | 3.1638584039112747",
        "deriv(c{id=\"steady\"}[5m])      | 630 | {id=\"steady\"} | 0.16666666666666666",
        "predict_linear(c{id=\"steady\"}[5m], 60) | 630 | {id=\"steady\"} | 115",
        "histogram_quantile(0.5, b)       | 300 | {}             | 1.5",
        "histogram_quantile(0.9, b)       | 300 | {}             | 2",
        "abs(-g)                          | 60  | {id=\"a\"}      | 8",
        "clamp_min(g, 9)                  | 60  | {id=\"a\"}      | 9",
        "clamp_max(g, 5)                  | 60  | {id=\"a\"}      | 5",
        "round(g / 3)                     | 60  | {id=\"a\"}      | 3",
        "round(g / 3, 0.5)                | 60  | {id=\"a\"}      | 2.5",
        "scalar(g) * 2                    | 60  | {}             | 16",
        "vector(time())                   | 90  | {}             | 90",
        "timestamp(g)                     | 90  | {id=\"a\"}      | 60",
        "absent(nope{a=\"1\", b=~\"x\"})  | 60  | {a=\"1\"}       | 1",
        "absent_over_time(nope{a=\"1\"}[1m]) | 60 | {a=\"1\"}     | 1"
      })
  @DisplayName("compute Prometheus's values and label sets")
  void values(String expr, long t, String labels, double expected) {
    Map<String, Double> got = DATA.eval(expr, t);
    assertThat(got).containsOnlyKeys(labels);
    assertThat(got.get(labels)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  @DisplayName(
      "label_replace and label_join rewrite labels with Go template expansion and keep the name")
  void labels() {
    assertThat(DATA.eval("label_replace(up, \"host\", \"$1\", \"instance\", \"(.*):.*\")", 60))
        .containsOnlyKeys("up{host=\"host-1\", instance=\"host-1:9090\"}");
    assertThat(
            DATA.eval(
                "label_replace(up, \"x\", \"${h}_$$\", \"instance\", \"(?P<h>[a-z]+)-.*\")", 60))
        .containsOnlyKeys("up{instance=\"host-1:9090\", x=\"host_$\"}");
    assertThat(DATA.eval("label_replace(up, \"x\", \"y\", \"instance\", \"nomatch\")", 60))
        .containsOnlyKeys("up{instance=\"host-1:9090\"}");
    assertThat(DATA.eval("label_join(up, \"j\", \"-\", \"instance\", \"missing\")", 60))
        .containsOnlyKeys("up{instance=\"host-1:9090\", j=\"host-1:9090-\"}");
  }

  @Test
  @DisplayName("fail the evaluation when dropping the name makes two elements equal")
  void duplicateLabelsets() {
    Fixture f = Fixture.of("a{x=\"1\"}", "1", "b{x=\"1\"}", "2");
    assertThatThrownBy(() -> f.eval("abs({__name__=~\"a|b\"})", 0))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("same labelset");
  }

  @Test
  @DisplayName("reject an invalid label_replace regex or destination at evaluation")
  void labelReplaceErrors() {
    assertThatThrownBy(() -> DATA.eval("label_replace(up, \"x\", \"y\", \"instance\", \"(\")", 60))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("invalid regular expression");
    assertThatThrownBy(
            () -> DATA.eval("label_replace(up, \"1x\", \"y\", \"instance\", \".*\")", 60))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("invalid destination label name");
  }
}
