package dev.alerting.rule.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.HistogramSpan;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expected JSON written by hand from Prometheus's rules (jsonutil.MarshalHistogram over
 * AllBucketIterator): ascending buckets, empty ones left out, boundary rule 0 = (lower, upper], 1 =
 * [lower, upper), 3 = [lower, upper].
 */
@DisplayName("native histograms in Prometheus's query API JSON shape")
class HistogramJsonTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "positive exponential buckets are open below, closed above (rule 0)",
            FloatHistogram.builder()
                .count(3)
                .sum(4)
                .positive(List.of(new HistogramSpan(0, 2)), new double[] {1, 2})
                .build(),
            """
            {"count":"3","sum":"4","buckets":[[0,"0.5","1","1"],[0,"1","2","2"]]}"""),
        Arguments.of(
            "negative buckets (rule 1) come first, then the closed zero bucket (rule 3);"
                + " an empty bucket is left out",
            FloatHistogram.builder()
                .zeroThreshold(0.001)
                .zeroCount(2)
                .count(6)
                .sum(-1.5)
                .negative(List.of(new HistogramSpan(0, 1)), new double[] {3})
                .positive(List.of(new HistogramSpan(0, 2)), new double[] {1, 0})
                .build(),
            """
            {"count":"6","sum":"-1.5","buckets":[[1,"-1","-0.5","3"],[3,"-0.001","0.001","2"],\
            [0,"0.5","1","1"]]}"""),
        Arguments.of(
            "custom buckets: the first, from -Inf, is closed on both sides; the last ends at +Inf",
            FloatHistogram.builder()
                .schema(FloatHistogram.CUSTOM_BUCKETS_SCHEMA)
                .customValues(new double[] {0.1, 1})
                .count(5)
                .sum(12.25)
                .positive(List.of(new HistogramSpan(0, 3)), new double[] {1, 0, 4})
                .build(),
            """
            {"count":"5","sum":"12.25","buckets":[[3,"-Inf","0.1","1"],[0,"1","+Inf","4"]]}"""),
        Arguments.of(
            "no bucket with observations: no buckets field; floats in Prometheus's 'f'/'e' format",
            FloatHistogram.builder().count(0).sum(1e-7).build(),
            """
            {"count":"0","sum":"1e-07"}"""),
        Arguments.of(
            "large counts are written in full, not with an exponent, below 1e21",
            FloatHistogram.builder()
                .count(2_000_000)
                .sum(3_000_000)
                .positive(List.of(new HistogramSpan(1, 1)), new double[] {2_000_000})
                .build(),
            """
            {"count":"2000000","sum":"3000000","buckets":[[0,"1","2","2000000"]]}"""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void marshals(String name, FloatHistogram h, String expected) {
    assertThat(HistogramJson.of(h)).isEqualTo(new JsonObject(expected));
    assertThat(HistogramJson.of(h).encode()).isEqualTo(new JsonObject(expected).encode());
  }
}
