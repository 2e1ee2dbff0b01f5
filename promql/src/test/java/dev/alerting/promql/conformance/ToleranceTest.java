package dev.alerting.promql.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ToleranceTest {

  static Stream<Arguments> pairs() {
    return Stream.of(
        Arguments.of("NaN equals NaN", Double.NaN, Double.NaN, true),
        Arguments.of("NaN is not a number", Double.NaN, 1.0, false),
        Arguments.of("equal infinities", Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, true),
        Arguments.of(
            "opposite infinities", Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, false),
        Arguments.of("within 1e-6 relative", 1.0, 1.0000001, true),
        Arguments.of("past 1e-6 relative", 1.0, 1.00001, false),
        Arguments.of("rounding of a printed value", 0.1 + 0.2, 0.3, true),
        Arguments.of("zero against a tiny number", 0.0, 1e-300, false),
        Arguments.of("large values relative", 3.76333333333333e219, 3.763333333333334e219, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void comparesAsUpstreamPromqlTestDoes(String name, double a, double b, boolean close) {
    assertThat(Tolerance.close(a, b)).isEqualTo(close);
    assertThat(Tolerance.close(b, a)).isEqualTo(close);
  }
}
