package dev.alerting.promql.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.promql.Fixture;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Aggregations")
class AggregationsTest {
  private static final Fixture CPU =
      Fixture.of(
          "cpu{job=\"api\", instance=\"a\", mode=\"user\"}", "1",
          "cpu{job=\"api\", instance=\"b\", mode=\"user\"}", "3",
          "cpu{job=\"api\", instance=\"c\", mode=\"system\"}", "8",
          "cpu{job=\"db\", instance=\"d\", mode=\"user\"}", "5");

  @Test
  @DisplayName("group by the by-labels only, or by all but the without-labels and the name")
  void grouping() {
    assertThat(CPU.eval("sum by (job) (cpu)", 0))
        .isEqualTo(Map.of("{job=\"api\"}", 12.0, "{job=\"db\"}", 5.0));
    assertThat(CPU.eval("sum(cpu)", 0)).isEqualTo(Map.of("{}", 17.0));
    assertThat(CPU.eval("max without (instance) (cpu)", 0))
        .isEqualTo(
            Map.of(
                "{job=\"api\", mode=\"system\"}",
                8.0,
                "{job=\"api\", mode=\"user\"}",
                3.0,
                "{job=\"db\", mode=\"user\"}",
                5.0));
    assertThat(CPU.eval("count by (__name__) (cpu)", 0)).isEqualTo(Map.of("cpu{}", 4.0));
  }

  @Test
  @DisplayName("compute avg, min, count, group, stddev, stdvar and quantile per group")
  void reducers() {
    assertThat(CPU.eval("avg by (job) (cpu)", 0))
        .isEqualTo(Map.of("{job=\"api\"}", 4.0, "{job=\"db\"}", 5.0));
    assertThat(CPU.eval("min(cpu)", 0)).isEqualTo(Map.of("{}", 1.0));
    assertThat(CPU.eval("count by (mode) (cpu)", 0))
        .isEqualTo(Map.of("{mode=\"system\"}", 1.0, "{mode=\"user\"}", 3.0));
    assertThat(CPU.eval("group by (job) (cpu)", 0))
        .isEqualTo(Map.of("{job=\"api\"}", 1.0, "{job=\"db\"}", 1.0));
    assertThat(CPU.eval("stdvar(cpu)", 0).get("{}")).isEqualTo(6.6875);
    assertThat(CPU.eval("stddev(cpu)", 0).get("{}")).isEqualTo(Math.sqrt(6.6875));
    assertThat(CPU.eval("quantile(0.5, cpu)", 0)).isEqualTo(Map.of("{}", 4.0));
  }

  @Test
  @DisplayName("topk and bottomk keep the full series labels and honour grouping")
  void topk() {
    assertThat(CPU.eval("topk(2, cpu)", 0))
        .containsOnlyKeys(
            "cpu{instance=\"c\", job=\"api\", mode=\"system\"}",
            "cpu{instance=\"d\", job=\"db\", mode=\"user\"}");
    assertThat(CPU.eval("bottomk by (job) (1, cpu)", 0))
        .containsOnlyKeys(
            "cpu{instance=\"a\", job=\"api\", mode=\"user\"}",
            "cpu{instance=\"d\", job=\"db\", mode=\"user\"}");
    assertThat(CPU.eval("topk(0, cpu)", 0)).isEmpty();
  }
}
