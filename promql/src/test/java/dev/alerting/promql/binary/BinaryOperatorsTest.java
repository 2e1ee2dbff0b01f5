package dev.alerting.promql.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.promql.Fixture;
import dev.alerting.promql.engine.EvaluationException;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Binary operators")
class BinaryOperatorsTest {
  private static final Fixture DATA =
      Fixture.of(
          "errors{job=\"api\", instance=\"a\", code=\"500\"}", "2",
          "errors{job=\"api\", instance=\"b\", code=\"500\"}", "6",
          "errors{job=\"api\", instance=\"b\", code=\"503\"}", "1",
          "requests{job=\"api\", instance=\"a\"}", "10",
          "requests{job=\"api\", instance=\"b\"}", "30",
          "info{instance=\"a\", team=\"red\"}", "1",
          "limit{job=\"api\"}", "20");

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1 + 2 * 3 | 7",
        "2 ^ 3 ^ 2 | 512",
        "-2 ^ 2 | -4",
        "7 % 3 | 1",
        "-7 % 3 | -1",
        "1 / 0 | Infinity",
        "1 < bool 2 | 1",
        "2 == bool 3 | 0",
        "1 ^ NaN | 1",
        "2 atan2 2 | 0.7853981633974483"
      })
  @DisplayName("evaluate scalar-scalar expressions to a scalar")
  void scalars(String expr, double expected) {
    assertThat(DATA.eval(expr, 0)).isEqualTo(Map.of("{}", expected));
  }

  @Test
  @DisplayName("drop the metric name for arithmetic and bool, keep it for filtering comparisons")
  void nameDropping() {
    assertThat(DATA.eval("requests{instance=\"a\"} * 2", 0))
        .isEqualTo(Map.of("{instance=\"a\", job=\"api\"}", 20.0));
    assertThat(DATA.eval("requests > 15", 0))
        .isEqualTo(Map.of("requests{instance=\"b\", job=\"api\"}", 30.0));
    assertThat(DATA.eval("15 < requests", 0))
        .as("the vector value is kept when the scalar is on the left")
        .isEqualTo(Map.of("requests{instance=\"b\", job=\"api\"}", 30.0));
    assertThat(DATA.eval("requests > bool 15", 0))
        .isEqualTo(
            Map.of("{instance=\"a\", job=\"api\"}", 0.0, "{instance=\"b\", job=\"api\"}", 1.0));
    assertThat(DATA.eval("-requests{instance=\"a\"}", 0))
        .isEqualTo(Map.of("{instance=\"a\", job=\"api\"}", -10.0));
  }

  @Test
  @DisplayName("match one-to-one by on/ignoring, keeping only the on labels")
  void oneToOne() {
    assertThat(DATA.eval("sum by (instance) (errors) / on(instance) requests", 0))
        .isEqualTo(Map.of("{instance=\"a\"}", 0.2, "{instance=\"b\"}", 7.0 / 30));
    assertThat(
            DATA.eval("requests{instance=\"a\"} - ignoring(instance) requests{instance=\"b\"}", 0))
        .isEqualTo(Map.of("{job=\"api\"}", -20.0));
  }

  @Test
  @DisplayName("match many-to-one and one-to-many, copying group_x labels from the one side")
  void grouped() {
    assertThat(DATA.eval("errors / ignoring(code) group_left requests", 0))
        .isEqualTo(
            Map.of(
                "{code=\"500\", instance=\"a\", job=\"api\"}", 0.2,
                "{code=\"500\", instance=\"b\", job=\"api\"}", 0.2,
                "{code=\"503\", instance=\"b\", job=\"api\"}", 1.0 / 30));
    assertThat(DATA.eval("requests * on(instance) group_left(team) info", 0))
        .isEqualTo(Map.of("{instance=\"a\", job=\"api\", team=\"red\"}", 10.0));
    assertThat(DATA.eval("limit - on(job) group_right requests", 0))
        .isEqualTo(
            Map.of("{instance=\"a\", job=\"api\"}", 10.0, "{instance=\"b\", job=\"api\"}", -10.0));
  }

  @Test
  @DisplayName("apply and, or, unless by signature without touching labels")
  void setOperators() {
    assertThat(DATA.eval("requests and on(instance) errors{code=\"503\"}", 0))
        .containsOnlyKeys("requests{instance=\"b\", job=\"api\"}");
    assertThat(DATA.eval("requests unless on(instance) errors{code=\"503\"}", 0))
        .containsOnlyKeys("requests{instance=\"a\", job=\"api\"}");
    assertThat(DATA.eval("requests{instance=\"a\"} or on(job) limit", 0))
        .containsOnlyKeys("requests{instance=\"a\", job=\"api\"}");
    assertThat(DATA.eval("requests{instance=\"a\"} or limit", 0))
        .containsOnlyKeys("requests{instance=\"a\", job=\"api\"}", "limit{job=\"api\"}");
  }

  @Test
  @DisplayName("report many-to-many and ambiguous matches as evaluation errors, as Prometheus does")
  void matchingErrors() {
    assertThatThrownBy(() -> DATA.eval("requests / on(job) errors", 0))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining(
            "found duplicate series for the match group {job=\"api\"} on the right hand-side")
        .hasMessageContaining("many-to-many matching not allowed");
    assertThatThrownBy(() -> DATA.eval("errors / on(job) limit", 0))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("many-to-one matching must be explicit (group_left/group_right)");
    Fixture sameLabels = Fixture.of("x{a=\"1\"}", "1", "y{a=\"1\"}", "2", "z{a=\"1\"}", "3");
    assertThatThrownBy(() -> sameLabels.eval("x * on(a) group_left {__name__=~\"y|z\"}", 0))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("found duplicate series for the match group");
    // x and y still differ by their names until the end of the expression (delayed name removal),
    // where they collide
    assertThatThrownBy(() -> sameLabels.eval("{__name__=~\"x|y\"} * on(a) group_left z", 0))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("vector cannot contain metrics with the same labelset");
    Fixture grouped =
        Fixture.of("x{a=\"1\", b=\"1\"}", "1", "x{a=\"1\", b=\"2\"}", "2", "z{a=\"1\"}", "3");
    assertThatThrownBy(() -> grouped.eval("x * on(a) group_left(b) z", 0))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("grouping labels must ensure unique matches");
  }
}
