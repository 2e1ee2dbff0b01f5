package dev.alerting.promql.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.promql.Fixture;
import dev.alerting.promql.PromQL;
import dev.alerting.promql.engine.EvaluationException;
import dev.alerting.promql.engine.InstantSample;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("sort_by_label, double_exponential_smoothing and the inverse hyperbolic functions")
class LabelSortAndSmoothingTest {
  private static final Fixture DATA =
      Fixture.of(
          "cpu{n=\"10\", m=\"a\"}", "1",
          "cpu{n=\"2\", m=\"b\"}", "1",
          "cpu{n=\"2\", m=\"a\"}", "1",
          "cpu{n=\"1\", m=\"z\"}", "1",
          "wave", "1 3 2 4 3 5");

  private static List<String> order(String expr) {
    return PromQL.evaluateVector(PromQL.parse(expr), 0, DATA.store()).stream()
        .map(InstantSample::labels)
        .map(Object::toString)
        .toList();
  }

  @Test
  @DisplayName("sorts label values naturally, ties by the whole label set, and reverses for _desc")
  void sortsByLabel() {
    assertThat(order("sort_by_label(cpu, \"n\")"))
        .containsExactly(
            "cpu{m=\"z\", n=\"1\"}",
            "cpu{m=\"a\", n=\"2\"}",
            "cpu{m=\"b\", n=\"2\"}",
            "cpu{m=\"a\", n=\"10\"}");
    assertThat(order("sort_by_label_desc(cpu, \"n\", \"m\")"))
        .containsExactly(
            "cpu{m=\"a\", n=\"10\"}",
            "cpu{m=\"b\", n=\"2\"}",
            "cpu{m=\"a\", n=\"2\"}",
            "cpu{m=\"z\", n=\"1\"}");
  }

  @ParameterizedTest(name = "{0} < {1}")
  @CsvSource({"4m5, 4m600", "4m600, 4m1000", "1.2.3, 1.11.3", "a, ab", "x09, x10", "b1, c0"})
  @DisplayName("orders digit runs by number")
  void natural(String smaller, String larger) {
    assertThat(LabelSort.natural(smaller, larger)).isNegative();
    assertThat(LabelSort.natural(larger, smaller)).isPositive();
  }

  @Test
  @DisplayName("smooths with Holt's method and refuses factors outside (0, 1)")
  void smoothing() {
    // 1 3 2 4 3 5 with sf = tf = 0.5, by hand: levels 3, 3.5, 4.375, 4.21875, 4.8359375
    assertThat(DATA.eval("double_exponential_smoothing(wave[10m], 0.5, 0.5)", 300))
        .containsEntry("{}", 4.8359375);
    assertThatThrownBy(() -> DATA.eval("double_exponential_smoothing(wave[10m], 1, 0.5)", 300))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("invalid smoothing factor");
  }

  @Test
  @DisplayName("computes asinh, acosh and atanh precisely near 0 and at the domain's edge")
  void inverseHyperbolic() {
    assertThat(MathFunctions.asinh(1e-10)).isEqualTo(1e-10);
    assertThat(MathFunctions.asinh(-2)).isCloseTo(-1.4436354751788103, within());
    assertThat(MathFunctions.acosh(1)).isZero();
    assertThat(MathFunctions.acosh(0.5)).isNaN();
    assertThat(MathFunctions.atanh(1)).isInfinite();
    assertThat(MathFunctions.atanh(1e-12)).isEqualTo(1e-12);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-15);
  }
}
