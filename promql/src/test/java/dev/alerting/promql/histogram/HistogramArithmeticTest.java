package dev.alerting.promql.histogram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.promql.notation.HistogramLiteral;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Histogram arithmetic")
class HistogramArithmeticTest {

  private static FloatHistogram h(String notation) {
    return HistogramLiteral.parse(notation, 0);
  }

  private static String compact(FloatHistogram h) {
    return HistogramArithmetic.compact(h).toString();
  }

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // same layout: bucket by bucket
        "count:4 sum:5 buckets:[1 2 1] | count:2 sum:1 buckets:[1 1] | {{count:6 sum:6 buckets:[2 3 1]}}",
        // schema 1 merges pairs of buckets to reach schema 0: indexes 1,2 -> 1 and 3,4 -> 2
        "schema:0 count:1 sum:1 buckets:[1] | schema:1 count:4 sum:4 offset:1 buckets:[1 1 1 1]"
            + " | {{count:5 sum:5 buckets:[1 2 2]}}",
        // the wider zero bucket swallows the other's buckets below it: (0.5,1] under 1
        "count:2 sum:2 z_bucket:1 z_bucket_w:1 buckets:[0 1] | count:2 sum:2 buckets:[1 1]"
            + " | {{count:4 sum:4 z_bucket:2 z_bucket_w:1 offset:1 buckets:[2]}}",
        // custom bounds are reconciled to the ones both have
        "schema:-53 count:3 sum:3 custom_values:[1 5] buckets:[1 1 1]"
            + " | schema:-53 count:2 sum:2 custom_values:[5] buckets:[1 1]"
            + " | {{schema:-53 count:5 sum:5 custom_values:[5] buckets:[3 2]}}",
      })
  void adds(String a, String b, String sum) {
    assertThat(compact(HistogramArithmetic.add(h(a), h(b)))).isEqualTo(sum);
  }

  @Test
  @DisplayName("exponential and custom buckets do not add")
  void incompatible() {
    assertThatThrownBy(
            () ->
                HistogramArithmetic.add(
                    h("count:1 buckets:[1]"),
                    h("schema:-53 count:1 custom_values:[1] buckets:[1]")))
        .isInstanceOf(HistogramArithmetic.IncompatibleHistograms.class);
  }

  @ParameterizedTest(name = "{1} after {0}: reset {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "count:2 buckets:[1 1]        | count:3 buckets:[1 2]                            | false",
        "count:3 buckets:[1 2]        | count:2 buckets:[1 1]                            | true",
        // the count grew but one bucket shrank
        "count:3 buckets:[2 1]        | count:4 buckets:[1 3]                            | true",
        // the hint overrides what the counts say
        "count:3 buckets:[2 1]        | count:4 buckets:[1 3] counter_reset_hint:not_reset | false",
        "count:2 buckets:[1 1]        | count:3 buckets:[1 2] counter_reset_hint:reset    | true",
        // a finer schema is a reset, a coarser one compares merged buckets
        "schema:0 count:2 buckets:[1 1] | schema:1 count:3 buckets:[1 1 1]               | true",
        "schema:1 count:2 buckets:[1 1] | schema:0 count:3 buckets:[2 1]                 | false",
        // other custom bounds compare on the bounds both have
        "schema:-53 custom_values:[1 5] count:2 buckets:[1 1] | schema:-53 custom_values:[5] count:2 buckets:[2] | false",
      })
  void detectsResets(String prev, String curr, boolean reset) {
    assertThat(HistogramArithmetic.detectReset(h(curr), h(prev))).isEqualTo(reset);
  }

  @ParameterizedTest(name = "q={0} of {1} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0.5  | count:4 sum:5 buckets:[1 2 1]                     | 1.4142135623730951",
        "0    | count:4 sum:5 buckets:[1 2 1]                     | 0.5",
        "1    | count:4 sum:5 buckets:[1 2 1]                     | 4",
        // in the zero bucket of a positive-only histogram: linear from 0
        "0.25 | count:4 sum:2 z_bucket:2 z_bucket_w:0.5 buckets:[2] | 0.25",
        // custom buckets interpolate linearly; the +Inf bucket answers its lower bound
        "0.5  | schema:-53 count:4 sum:5 custom_values:[2 4] buckets:[0 4 0] | 3",
        "0.99 | schema:-53 count:4 sum:5 custom_values:[2 4] buckets:[0 2 2] | 4",
        // a NaN observation (count above the buckets) is where the top quantiles land
        "0.9  | count:2 sum:NaN buckets:[1]                       | NaN",
      })
  void quantiles(double q, String h, double want) {
    assertThat(Double.valueOf(HistogramStatistics.quantile(q, h(h))))
        .isEqualTo(Double.valueOf(want));
  }

  @Test
  @DisplayName("fractions exclude NaN observations but keep them in the denominator")
  void fractionWithNaN() {
    assertThat(
            HistogramStatistics.fraction(
                Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY,
                h("count:5 sum:NaN buckets:[4]")))
        .isEqualTo(0.8);
  }
}
