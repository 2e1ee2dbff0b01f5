package dev.alerting.promql.histogram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.promql.Fixture;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Queries over native histograms, with values worked out by hand from Prometheus 3's definitions
 * (bucket i of schema 0 is (2^(i-1), 2^i]).
 */
@DisplayName("Native histogram queries")
class NativeHistogramQueriesTest {
  // At minute i: count 4(i+1), sum 10(i+1), buckets (i+1) * [1 2 1] over (0.5,1], (1,2], (2,4].
  private static final Fixture DATA =
      Fixture.of(
          "h{id=\"a\"}",
          "{{schema:0 count:4 sum:10 buckets:[1 2 1]}}+{{schema:0 count:4 sum:10 buckets:[1 2 1]}}x10",
          "h{id=\"b\"}",
          "{{schema:1 count:2 sum:3 buckets:[2]}}x10",
          "f{id=\"a\"}",
          "1+1x10",
          "mixed",
          "1 2 {{count:1 sum:1 buckets:[1]}} {{count:2 sum:2 buckets:[2]}}");

  @ParameterizedTest(name = "{0} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "histogram_count(h{id=\"a\"})                | {id=\"a\"} | 44",
        "histogram_sum(h{id=\"a\"})                  | {id=\"a\"} | 110",
        "histogram_avg(h{id=\"a\"})                  | {id=\"a\"} | 2.5",
        // geometric bucket means sqrt(0.5), sqrt(2), sqrt(8) weighted 1:2:1 around the mean 2.5
        "histogram_stdvar(h{id=\"a\"})               | {id=\"a\"} | 1.4200487116513403",
        "histogram_stddev(h{id=\"a\"})               | {id=\"a\"} | 1.1916579675608854",
        // rank 22 of 44 is halfway into (1,2]: exponential interpolation gives 2^0.5
        "histogram_quantile(0.5, h{id=\"a\"})        | {id=\"a\"} | 1.4142135623730951",
        "histogram_fraction(0, 2, h{id=\"a\"})       | {id=\"a\"} | 0.75",
        // samples at 6..10m: count 28 -> 44, extrapolated by 60s to the window start, per second
        "histogram_count(rate(h{id=\"a\"}[5m]))      | {id=\"a\"} | 0.06666666666666667",
        "histogram_sum(rate(h{id=\"a\"}[5m]))        | {id=\"a\"} | 0.16666666666666666",
        "histogram_count(increase(h{id=\"a\"}[5m]))  | {id=\"a\"} | 20",
        "histogram_count(irate(h{id=\"a\"}[5m]))     | {id=\"a\"} | 0.06666666666666667",
        "histogram_count(idelta(h{id=\"a\"}[5m]))    | {id=\"a\"} | 4",
        "histogram_count(sum(h))                     | {}         | 46",
        "histogram_count(avg(h))                     | {}         | 23",
        "count(h)                                    | {}         | 2",
        "histogram_count(h{id=\"a\"} * 2)            | {id=\"a\"} | 88",
        "histogram_count(h{id=\"a\"} / 4)            | {id=\"a\"} | 11",
        "histogram_count(h{id=\"a\"} + h{id=\"a\"})  | {id=\"a\"} | 88",
        "histogram_count(h{id=\"a\"} - ignoring(id) h{id=\"b\"}) | {} | 42",
        "count_over_time(h{id=\"a\"}[5m])            | {id=\"a\"} | 5",
        "histogram_count(last_over_time(h{id=\"a\"}[5m])) | {id=\"a\"} | 44",
        "histogram_count(sum_over_time(h{id=\"a\"}[5m]))  | {id=\"a\"} | 180",
        "histogram_count(avg_over_time(h{id=\"a\"}[5m]))  | {id=\"a\"} | 36",
        "changes(h{id=\"a\"}[5m])                    | {id=\"a\"} | 4",
        // trim at a bucket boundary: whole buckets, the sum estimated from geometric bucket means
        "histogram_count(h{id=\"a\"} </ 2)           | {id=\"a\"} | 33",
        "histogram_sum(h{id=\"a\"} </ 2)             | {id=\"a\"} | 38.890872965260115",
        "histogram_count(h{id=\"a\"} >/ 2)           | {id=\"a\"} | 11",
        "histogram_sum(h{id=\"a\"} >/ 2)             | {id=\"a\"} | 31.112698372208094",
        // inside (1,2] at 2^0.5: half of its 22 by exponential interpolation
        "histogram_count(h{id=\"a\"} </ 1.4142135623730951) | {id=\"a\"} | 22",
        "resets(h{id=\"a\"}[5m])                     | {id=\"a\"} | 0",
      })
  void evaluates(String expr, String labels, double value) {
    assertThat(DATA.eval(expr, 600)).containsExactly(Map.entry(labels, value));
  }

  @Test
  @DisplayName("a selector returns the stored histogram, and sum adds across schemas")
  void selectorAndSum() {
    assertThat(DATA.evalText("h{id=\"a\"}", 600))
        .containsExactly(Map.entry("h{id=\"a\"}", "{{count:44 sum:110 buckets:[11 22 11]}}"));
    // schema 1 bucket 0, (2^-0.5, 1], falls into schema 0 bucket 0, (0.5, 1]
    assertThat(DATA.evalText("sum(h)", 600))
        .containsExactly(Map.entry("{}", "{{count:46 sum:113 buckets:[13 22 11]}}"));
  }

  @Test
  @DisplayName("float-only functions, comparisons and float aggregations drop histograms")
  void floatOnlyDrops() {
    assertThat(DATA.eval("abs(h)", 600)).isEmpty();
    assertThat(DATA.eval("h > 1", 600)).isEmpty();
    assertThat(DATA.eval("max(h)", 600)).isEmpty();
    assertThat(DATA.eval("min_over_time(h{id=\"a\"}[5m])", 600)).isEmpty();
    assertThat(DATA.eval("h{id=\"a\"} + ignoring(id) f", 600)).isEmpty();
  }

  @Test
  @DisplayName("histogram_quantiles writes each quantile into the named label")
  void quantiles() {
    assertThat(DATA.eval("histogram_quantiles(h{id=\"a\"}, \"q\", 0.5, 1)", 600))
        .containsExactly(
            Map.entry("{id=\"a\", q=\"0.5\"}", 1.4142135623730951),
            Map.entry("{id=\"a\", q=\"1.0\"}", 4.0));
  }

  @Test
  @DisplayName("count_values writes a histogram as Prometheus prints it; sort drops histograms")
  void countValuesAndSort() {
    assertThat(DATA.eval("count_values(\"v\", h{id=\"a\"})", 600))
        .containsExactly(
            Map.entry("{v=\"{count:44, sum:110, (0.5,1]:11, (1,2]:22, (2,4]:11}\"}", 1.0));
    assertThat(DATA.eval("sort({__name__=~\"h|f\"})", 600)).containsOnlyKeys("f{id=\"a\"}");
  }

  @Test
  @DisplayName("dividing by zero leaves no buckets, as Prometheus's Div")
  void divisionByZero() {
    assertThat(DATA.evalText("h{id=\"a\"} / 0", 600))
        // the empty zero bucket gives 0/0
        .containsExactly(Map.entry("{id=\"a\"}", "{{count:Infinity sum:Infinity z_bucket:NaN}}"));
  }

  @Test
  @DisplayName("a window mixing floats and histograms has no rate or sum, but a count")
  void mixedWindow() {
    assertThat(DATA.eval("rate(mixed[5m])", 240)).isEmpty();
    assertThat(DATA.eval("sum_over_time(mixed[5m])", 240)).isEmpty();
    assertThat(DATA.eval("count_over_time(mixed[5m])", 240)).containsEntry("{}", 4.0);
    // changes counts the float-to-histogram switch as one change
    assertThat(DATA.eval("changes(mixed[5m])", 240)).containsEntry("{}", 3.0);
  }
}
