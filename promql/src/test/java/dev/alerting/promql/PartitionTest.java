package dev.alerting.promql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which label key splits an expression's series into independent groups ({@link PromQL#partition}).
 * That evaluating one group alone gives the whole evaluation's elements of that group is checked on
 * random data by the rule engine's {@code GroupResultsTest}.
 */
@DisplayName("Expression partition")
class PartitionTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        // each series on its own
        Arguments.of("rate(x[5m]) > 1", "ignoring[__name__]"),
        Arguments.of("increase(x[5m] offset 1h) > 10", "ignoring[__name__]"),
        Arguments.of("x offset 1h < 5", "ignoring[__name__]"),
        Arguments.of("abs(x - time()) > 5", "ignoring[__name__]"),
        // the seed rules' shapes
        Arguments.of("(rate(r{code=~\"5..\"}[5m]) / rate(r[5m])) > 0.05", "ignoring[__name__]"),
        Arguments.of("histogram_quantile(0.95, rate(b_bucket[5m])) > 2", "ignoring[__name__, le]"),
        Arguments.of("(a - b) / a > 0.9", "ignoring[__name__]"),
        Arguments.of("(r - r offset 1h) / r offset 1h < -0.5", "ignoring[__name__]"),
        Arguments.of("100 - (avg(rate(c{mode=\"idle\"}[5m])) * 100) > 80", "on[]"),
        // matching and aggregation keys
        Arguments.of("a / on (i, j) b", "on[i, j]"),
        Arguments.of("a / ignoring (v) b", "ignoring[__name__, v]"),
        Arguments.of("a * on (i) group_left (v) b", "on[i]"),
        Arguments.of("a * ignoring (w) group_right (v) b", "ignoring[__name__, v, w]"),
        Arguments.of("sum by (job) (rate(x[5m])) > 1", "on[job]"),
        Arguments.of("sum by (__name__, job) (x)", "on[job]"),
        Arguments.of("max without (i) (x)", "ignoring[__name__, i]"),
        Arguments.of("quantile by (job) (0.9, x)", "on[job]"),
        Arguments.of("histogram_quantile(0.9, sum by (le, job) (rate(b[5m])))", "on[job]"),
        Arguments.of("sum by (job) (x) / on (job, env) sum by (job, env) (y)", "on[job]"),
        Arguments.of("sum by (job) (x) + ignoring (job) sum by (env) (y)", "on[]"),
        Arguments.of("(x and on (job) y) or z", "on[job]"),
        Arguments.of("x unless ignoring (i) y", "ignoring[__name__, i]"),
        // none known
        Arguments.of("topk by (job) (3, x)", null),
        Arguments.of("count_values by (job) (\"v\", x)", null),
        Arguments.of("label_replace(x, \"a\", \"$1\", \"b\", \"(.*)\") > 1", null),
        Arguments.of("x > scalar(y)", null),
        Arguments.of("absent(x)", null),
        Arguments.of("max_over_time(rate(x[1m])[5m:1m]) > 1", null),
        Arguments.of("vector(1) + x", null),
        Arguments.of("sum(x)", "on[]"),
        Arguments.of("1 + 2", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void partition(String expr, String expected) {
    assertThat(PromQL.partition(PromQL.parse(expr)).map(Partition::toString).orElse(null))
        .isEqualTo(expected);
  }

  @Test
  @DisplayName("keys a label set by the labels kept, without __name__, in label order")
  void key() {
    Labels s = Labels.of("__name__", "r", "job", "api", "le", "0.5", "i", "a");
    assertThat(PromQL.partition(PromQL.parse("histogram_quantile(0.9, b)")).orElseThrow().key(s))
        .isEqualTo(List.of("i", "a", "job", "api"));
    assertThat(PromQL.partition(PromQL.parse("sum by (job, le) (b)")).orElseThrow().key(s))
        .isEqualTo(List.of("job", "api", "le", "0.5"));
    assertThat(PromQL.partition(PromQL.parse("sum(b)")).orElseThrow().single()).isTrue();
  }
}
