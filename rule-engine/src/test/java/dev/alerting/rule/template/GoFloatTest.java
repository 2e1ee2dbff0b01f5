package dev.alerting.rule.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Go float formatting")
class GoFloatTest {

  static Stream<Arguments> percentV() {
    return Stream.of(
        Arguments.of("an integer prints without a fraction", 95.0, "95"),
        Arguments.of("a half prints as 0.5", 0.5, "0.5"),
        Arguments.of("shortest digits that round-trip are kept", 0.1 + 0.2, "0.30000000000000004"),
        Arguments.of("1e21 uses an exponent", 1e21, "1e+21"),
        Arguments.of("nine digits at exponent 8 use an exponent", 123456789.0, "1.23456789e+08"),
        Arguments.of("a million uses an exponent (threshold 6)", 1e6, "1e+06"),
        Arguments.of("100000 stays plain", 100000.0, "100000"),
        Arguments.of("0.000001 uses an exponent", 0.000001, "1e-06"),
        Arguments.of("0.0001 stays plain (exponent -4)", 0.0001, "0.0001"),
        Arguments.of("0.00001 uses an exponent (exponent -5)", 0.00001, "1e-05"),
        Arguments.of("small values keep their digits", 1.5e-7, "1.5e-07"),
        Arguments.of("zero prints as 0", 0.0, "0"),
        Arguments.of("negative zero keeps its sign", -0.0, "-0"),
        Arguments.of("negative values keep their sign", -2.5, "-2.5"),
        Arguments.of("a third prints 16 digits", 1.0 / 3, "0.3333333333333333"),
        Arguments.of("the largest double", Double.MAX_VALUE, "1.7976931348623157e+308"),
        Arguments.of("the smallest subnormal", Double.MIN_VALUE, "5e-324"),
        Arguments.of("positive infinity", Double.POSITIVE_INFINITY, "+Inf"),
        Arguments.of("negative infinity", Double.NEGATIVE_INFINITY, "-Inf"),
        Arguments.of("not a number", Double.NaN, "NaN"),
        Arguments.of(
            "2^53 + 2 keeps every digit in exponent form",
            9007199254740994.0,
            "9.007199254740994e+15"));
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("percentV")
  @DisplayName("%v prints float64 as Go's fmt does")
  void printsLikeGoPercentV(String why, double value, String expected) {
    assertThat(GoFloat.v(value)).isEqualTo(expected);
  }

  static Stream<Arguments> percentG4() {
    return Stream.of(
        Arguments.of(20.0, "20"),
        Arguments.of(4.7781, "4.778"),
        Arguments.of(12345.0, "1.234e+04"),
        Arguments.of(999.94, "999.9"),
        Arguments.of(999.96, "1000"),
        Arguments.of(0.0001234, "0.0001234"),
        Arguments.of(0.00001234, "1.234e-05"),
        Arguments.of(1.0, "1"),
        Arguments.of(0.0, "0"));
  }

  @ParameterizedTest(name = "%.4g of {0} -> {1}")
  @MethodSource("percentG4")
  @DisplayName("%.4g rounds to four significant digits and drops trailing zeros")
  void printsLikeGoPercentG(double value, String expected) {
    assertThat(GoFloat.g(value, 4)).isEqualTo(expected);
  }

  static Stream<Arguments> exponent() {
    return Stream.of(
        Arguments.of(1.0, "1e+00"),
        Arguments.of(95.0, "9.5e+01"),
        Arguments.of(0.05, "5e-02"),
        Arguments.of(123456789.0, "1.23456789e+08"));
  }

  @ParameterizedTest(name = "'e' of {0} -> {1}")
  @MethodSource("exponent")
  @DisplayName("alert values in the API use strconv 'e' shortest formatting, as Prometheus")
  void printsExponentForm(double value, String expected) {
    assertThat(GoFloat.e(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1000000, 1000000",
    "123456789, 123456789",
    "0.30000000000000004, 0.30000000000000004",
    "0.000001, 0.000001",
    "1.5e-7, 1.5e-07",
    "9.99e20, 999000000000000000000",
    "1e21, 1e+21",
    "0, 0",
    "-0.0, -0",
    "-2.5, -2.5",
    "4.9e-324, 5e-324",
    "Infinity, +Inf",
    "-Infinity, -Inf",
    "NaN, NaN",
  })
  @DisplayName(
      "query API values use Prometheus's MarshalFloat: 'f' shortest, 'e' below 1e-6 or from 1e21")
  void printsQueryApiForm(double value, String expected) {
    assertThat(GoFloat.json(value)).isEqualTo(expected);
  }
}
