package dev.alerting.promql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Expression locality")
class LocalityTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        // steady: one series in, its element fixed until it gets a sample or leaves the lookback
        Arguments.of("x", Locality.STEADY),
        Arguments.of("x{job=\"a\"} > 90", Locality.STEADY),
        Arguments.of("x > bool 90", Locality.STEADY),
        Arguments.of("90 < x", Locality.STEADY),
        Arguments.of("(x * 2 - 1) / 100 >= (1 + 2) * -3", Locality.STEADY),
        Arguments.of("-x < -9", Locality.STEADY),
        Arguments.of("abs(ceil(floor(round(x, 5))))", Locality.STEADY),
        Arguments.of("sqrt(exp(ln(log2(log10(sgn(x))))))", Locality.STEADY),
        Arguments.of("clamp(x, 0, 1) + clamp_min(x, 1) * 0 > clamp_max(x, 2)", Locality.COMBINED),
        Arguments.of("clamp_max(clamp_min(clamp(x, 0, 10), 1), 2) == 2", Locality.STEADY),
        Arguments.of("timestamp(x) < 1e9", Locality.STEADY),
        Arguments.of("hour(x) >= 9 < day_of_month(x)", Locality.COMBINED),
        Arguments.of("day_of_week(minute(x)) > 2", Locality.STEADY),
        Arguments.of("x and on() hour() > 9", Locality.COMBINED),
        Arguments.of("year()", Locality.COMBINED),
        Arguments.of("max_over_time(x[5m:1m]) > 1", Locality.COMBINED),
        Arguments.of("rate((x > 1)[5m:])", Locality.COMBINED),
        // per series, but the value moves with time alone
        Arguments.of("x offset 5m > 1", Locality.PER_SERIES),
        Arguments.of("x offset -5m > 1", Locality.PER_SERIES),
        Arguments.of("rate(x[1m]) > 0.5", Locality.PER_SERIES),
        Arguments.of("irate(x[1m]) + increase(x[5m]) > 1", Locality.COMBINED),
        Arguments.of("idelta(x[5m]) > 0", Locality.PER_SERIES),
        Arguments.of("delta(x[5m] offset 1h)", Locality.PER_SERIES),
        Arguments.of("deriv(x[5m]) < 0", Locality.PER_SERIES),
        Arguments.of("predict_linear(x[1h], 4 * 3600) < 0", Locality.PER_SERIES),
        Arguments.of("changes(x[5m]) + 0 > 3", Locality.PER_SERIES),
        Arguments.of("resets(x[5m]) > 0", Locality.PER_SERIES),
        Arguments.of("avg_over_time(x[5m]) > 1", Locality.PER_SERIES),
        Arguments.of("min_over_time(x[5m]) > 1", Locality.PER_SERIES),
        Arguments.of("max_over_time(x[5m]) > 1", Locality.PER_SERIES),
        Arguments.of("sum_over_time(x[5m]) > 1", Locality.PER_SERIES),
        Arguments.of("count_over_time(x[5m]) > 1", Locality.PER_SERIES),
        Arguments.of("last_over_time(x[5m]) > 1", Locality.PER_SERIES),
        Arguments.of("stddev_over_time(x[5m]) + stdvar_over_time(x[5m])", Locality.COMBINED),
        Arguments.of("stdvar_over_time(x[5m]) > 1", Locality.PER_SERIES),
        Arguments.of("present_over_time(x[5m])", Locality.PER_SERIES),
        Arguments.of("quantile_over_time(0.9, x[5m]) > 1", Locality.PER_SERIES),
        Arguments.of("label_replace(x, \"a\", \"$1\", \"b\", \"(.*)\") > 1", Locality.PER_SERIES),
        Arguments.of("label_join(x > 1, \"a\", \",\", \"b\", \"c\")", Locality.PER_SERIES),
        Arguments.of("x > time() - 300", Locality.PER_SERIES),
        Arguments.of("timestamp(x) < time() - 300", Locality.PER_SERIES),
        Arguments.of("{__name__=~\"x|y\"} > 1", Locality.PER_SERIES),
        Arguments.of("abs({job=\"a\"})", Locality.PER_SERIES),
        // combined: elements from several series, or none
        Arguments.of("sum(x) > 1", Locality.COMBINED),
        Arguments.of("sum by (job) (rate(x[5m])) > 1", Locality.COMBINED),
        Arguments.of("topk(3, x)", Locality.COMBINED),
        Arguments.of("x / y > 1", Locality.COMBINED),
        Arguments.of("x > x", Locality.COMBINED),
        Arguments.of("x and y", Locality.COMBINED),
        Arguments.of("x or y", Locality.COMBINED),
        Arguments.of("x unless y", Locality.COMBINED),
        Arguments.of("x > scalar(y)", Locality.COMBINED),
        Arguments.of("absent(x)", Locality.COMBINED),
        Arguments.of("absent_over_time(x[5m])", Locality.COMBINED),
        Arguments.of("vector(1) > 0", Locality.COMBINED),
        Arguments.of("sort(x)", Locality.COMBINED),
        Arguments.of("sort_desc(x > 1)", Locality.COMBINED),
        Arguments.of("histogram_quantile(0.9, x) > 1", Locality.COMBINED),
        Arguments.of("1 > bool 0", Locality.COMBINED),
        Arguments.of("time()", Locality.COMBINED));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("cases")
  @DisplayName("classifies expressions by whether each result element comes from one series")
  void locality(String expr, Locality expected) {
    assertThat(PromQL.locality(PromQL.parse(expr))).isEqualTo(expected);
  }
}
