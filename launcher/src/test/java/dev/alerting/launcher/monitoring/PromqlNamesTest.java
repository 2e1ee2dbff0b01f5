package dev.alerting.launcher.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DashboardMetricsIT trusts these names; a name missed here would go unchecked there. */
class PromqlNamesTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("a bare selector", "up", Set.of("up")),
        Arguments.of(
            "a selector with matchers and a range",
            "rate(ingest_samples_rejected_total{reason=~\"a|b\"}[5m])",
            Set.of("ingest_samples_rejected_total")),
        Arguments.of(
            "aggregation with by before the argument",
            "sum by (reason, service) (rate(x_total[5m])) / sum(y_total)",
            Set.of("x_total", "y_total")),
        Arguments.of(
            "set operators, bool and numbers",
            "(a > bool 0.5) unless on(job) (b_total offset 5m > 1e3)",
            Set.of("a", "b_total")),
        Arguments.of(
            "a label value that looks like a metric",
            "up{job=\"alerting-notifier\"} == 0",
            Set.of("up")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("the metric names of an expression are found, and nothing else")
  void names(String name, String expr, Set<String> expected) {
    assertThat(PromqlNames.metrics(expr)).isEqualTo(expected);
  }
}
