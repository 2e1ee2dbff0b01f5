package dev.alerting.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.promql.Fixture;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Delayed metric-name removal (Prometheus 3)")
class DelayedNameRemovalTest {
  private static final Fixture DATA =
      Fixture.of(
          "a_total{env=\"1\"}", "0+60x10",
          "b_total{env=\"1\"}", "0+120x10",
          "typed{__type__=\"gauge\", __unit__=\"bytes\", id=\"x\"}", "5x10",
          "typed{__type__=\"gauge\", __unit__=\"bytes\", id=\"y\"}", "7x10",
          "many{label=\"foo\", job=\"t\"}", "0x10",
          "many{label=\"bar\", job=\"t\"}", "1x10",
          "one{job=\"t\"}", "1x10");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // the name is still there for label_replace after rate, and gone at the end otherwise
        "label_replace(rate(a_total[5m]), \"was\", \"$1\", \"__name__\", \"(.+)\") | {env=\"1\", was=\"a_total\"}=1.0",
        "label_replace(rate(a_total[5m]), \"__name__\", \"r_$1\", \"__name__\", \"(.+)\") | r_a_total{env=\"1\"}=1.0",
        "label_join(rate(b_total[5m]), \"was\", \"-\", \"__name__\", \"env\") | {env=\"1\", was=\"b_total-1\"}=2.0",
        // aggregation by (__name__) sees the name; the rate still removes it at the end
        "sum by (__name__) (a_total) | a_total{}=600.0",
        "sum by (__name__) (rate(a_total[5m])) | {}=1.0",
        "sum by (env) (rate({env=\"1\"}[5m])) | {env=\"1\"}=3.0",
        // and/or match on __type__ that an arithmetic result still carries until the end
        "(typed + 1) and typed{id=\"x\"} | {id=\"x\"}=6.0",
        "last_over_time(abs(a_total)[5m:]) | {env=\"1\"}=600.0",
        "rate(a_total[5m]) > 0 | {env=\"1\"}=1.0"
      })
  @DisplayName("removes the name at the end of the expression, not at the function")
  void delayed(String expr, String expected) {
    Map<String, Double> got = DATA.eval(expr, 600);
    String[] kv = expected.split("=(?=[-0-9.]+$)");
    assertThat(got).containsExactly(Map.entry(kv[0], Double.parseDouble(kv[1])));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "-{__name__=~\"a_total|b_total\"}",
        "sum by (__name__) (rate({__name__=~\"a_total|b_total\"}[5m]))",
        "many > on(job) one",
        "many >= on(job) one"
      })
  @DisplayName("fails when results collide after the removal, or many-to-one lacks group_left")
  void errors(String expr) {
    assertThatThrownBy(() -> DATA.eval(expr, 600)).isInstanceOf(EvaluationException.class);
  }
}
