package dev.alerting.promql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Expression requirements")
class RequirementsTest {

  @Test
  @DisplayName("take the longest range or lookback plus offset as retention")
  void retention() {
    assertThat(PromQL.requirements(PromQL.parse("up")).retention())
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(PromQL.requirements(PromQL.parse("rate(x[1h]) > up offset 10m")).retention())
        .isEqualTo(Duration.ofHours(1));
    assertThat(PromQL.requirements(PromQL.parse("rate(x[1m] offset 1h)")).retention())
        .isEqualTo(Duration.ofMinutes(61));
    assertThat(PromQL.requirements(PromQL.parse("up offset 1h")).retention())
        .isEqualTo(Duration.ofMinutes(65));
    assertThat(PromQL.requirements(PromQL.parse("vector(1)")).retention()).isEqualTo(Duration.ZERO);
  }

  @Test
  @DisplayName("add a subquery's range and offset to what its inner expression reads")
  void subqueryRetention() {
    assertThat(retention("max_over_time(rate(x[5m])[1h:1m])")).isEqualTo(Duration.ofMinutes(65));
    assertThat(retention("avg_over_time(x[30m:1m] offset 10m)")).isEqualTo(Duration.ofMinutes(45));
    assertThat(retention("min_over_time(max_over_time(x[10m:])[20m:]) > y offset 2h"))
        .isEqualTo(Duration.ofMinutes(125));
    assertThat(retention("min_over_time(max_over_time(x offset 1m[10m:])[20m:])"))
        .isEqualTo(Duration.ofMinutes(36));
    assertThat(retention("sum_over_time(x[5m:1m] offset -10m)")).isEqualTo(Duration.ZERO);
  }

  private static Duration retention(String expr) {
    return PromQL.requirements(PromQL.parse(expr)).retention();
  }

  @Test
  @DisplayName("list metric names when every selector names one, and route series by full matchers")
  void routing() {
    Requirements r = PromQL.requirements(PromQL.parse("rate(a{job=\"x\"}[5m]) / b"));
    assertThat(r.metricNames()).contains(Set.of("a", "b"));
    assertThat(r.wants(Labels.of("__name__", "a", "job", "x"))).isTrue();
    assertThat(r.wants(Labels.of("__name__", "a", "job", "y"))).isFalse();
    assertThat(r.wants(Labels.of("__name__", "b"))).isTrue();
    Requirements regex = PromQL.requirements(PromQL.parse("{__name__=~\"a.*\"} or {job=\"z\"}"));
    assertThat(regex.metricNames()).isEmpty();
    assertThat(regex.nameMatchers()).hasSize(2);
    assertThat(regex.nameMatchers().get(1)).isEmpty();
    assertThat(regex.wants(Labels.of("__name__", "other", "job", "z"))).isTrue();
  }
}
