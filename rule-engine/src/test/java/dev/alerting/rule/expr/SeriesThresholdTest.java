package dev.alerting.rule.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("A threshold expression")
class SeriesThresholdTest {

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of("selector above a number", "x > 90", true),
        Arguments.of("number on the left", "90 < x", true),
        Arguments.of("parentheses around either side", "((x{a=\"b\"})) >= (3)", true),
        Arguments.of("bool comparison (yields 0 or 1, not a filter)", "x > bool 90", false),
        Arguments.of("offset (reads the past)", "x offset 5m > 90", false),
        Arguments.of("arithmetic", "x + 1", false),
        Arguments.of("a function of the selector", "abs(x) > 90", false),
        Arguments.of("two selectors", "x > y", false),
        Arguments.of("a computed number", "x > 2 * 45", false));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("shapes")
  @DisplayName("is recognised only in the shape whose element is the newest sample, filtered")
  void recognised(String name, String expr, boolean threshold) throws Exception {
    assertThat(SeriesThreshold.of(new PromQLParser().parse(expr)) != null).isEqualTo(threshold);
  }

  static Stream<Arguments> comparisons() {
    double nan = Double.NaN;
    return Stream.of(
        Arguments.of("x > 5", 6.0, true),
        Arguments.of("x > 5", 5.0, false),
        Arguments.of("5 > x", 4.0, true),
        Arguments.of("5 > x", 6.0, false),
        Arguments.of("x >= 5", 5.0, true),
        Arguments.of("x <= 5", 5.0, true),
        Arguments.of("x < 5", 5.0, false),
        Arguments.of("x == 5", 5.0, true),
        Arguments.of("x != 5", 5.0, false),
        Arguments.of("x > 5", nan, false),
        Arguments.of("x != 5", nan, true));
  }

  @ParameterizedTest(name = "{0} at {1}: {2}")
  @MethodSource("comparisons")
  @DisplayName("keeps a value as PromQL's filter does, NaN included")
  void keeps(String expr, double value, boolean kept) throws Exception {
    assertThat(SeriesThreshold.of(new PromQLParser().parse(expr)).keeps(value)).isEqualTo(kept);
  }
}
