package dev.alerting.model.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.model.Labels;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FloatHistogramTest {

  private static FloatHistogram exponential() {
    return FloatHistogram.builder()
        .schema(1)
        .zeroThreshold(0.001)
        .zeroCount(2)
        .count(12)
        .sum(18.4)
        .positive(
            List.of(new HistogramSpan(0, 2), new HistogramSpan(1, 2)), new double[] {1, 2, 1, 1})
        .negative(List.of(new HistogramSpan(-1, 1)), new double[] {5})
        .build();
  }

  @Test
  @DisplayName("spans place buckets at absolute indexes: the first offset is absolute, others gaps")
  void bucketIndexes() {
    FloatHistogram h = exponential();
    assertThat(h.positiveBucketIndexes()).containsExactly(0, 1, 3, 4);
    assertThat(h.negativeBucketIndexes()).containsExactly(-1);
  }

  @Test
  @DisplayName("the histogram is immutable: changing the arrays given or returned changes nothing")
  void immutable() {
    double[] buckets = {1, 2};
    FloatHistogram h =
        FloatHistogram.builder()
            .count(3)
            .positive(List.of(new HistogramSpan(0, 2)), buckets)
            .build();
    buckets[0] = 99;
    h.positiveBuckets()[1] = 99;
    assertThat(h.positiveBuckets()).containsExactly(1, 2);
  }

  @Test
  @DisplayName(
      "toString writes Prometheus's test notation with gaps filled and zero fields left out")
  void notation() {
    assertThat(exponential().toString())
        .isEqualTo(
            "{{schema:1 count:12 sum:18.4 z_bucket:2 z_bucket_w:0.001"
                + " buckets:[1 2 0 1 1] n_offset:-1 n_buckets:[5]}}");
    FloatHistogram custom =
        FloatHistogram.builder()
            .schema(FloatHistogram.CUSTOM_BUCKETS_SCHEMA)
            .counterResetHint(CounterResetHint.GAUGE)
            .count(3)
            .customValues(new double[] {1, 2})
            .positive(List.of(new HistogramSpan(1, 2)), new double[] {1, 2})
            .build();
    assertThat(custom.toString())
        .isEqualTo(
            "{{schema:-53 count:3 custom_values:[1 2] counter_reset_hint:gauge"
                + " offset:1 buckets:[1 2]}}");
  }

  @Test
  @DisplayName("equal fields make equal histograms; the counter reset hint is part of equality")
  void equality() {
    assertThat(exponential()).isEqualTo(exponential()).hasSameHashCodeAs(exponential());
    assertThat(exponential().withCounterResetHint(CounterResetHint.GAUGE))
        .isNotEqualTo(exponential());
  }

  @Test
  @DisplayName("a sample built with three arguments is a float sample; a histogram sample is not")
  void sampleKinds() {
    Labels series = Labels.of("__name__", "h");
    assertThat(new Sample(series, 1, 0).isHistogram()).isFalse();
    Sample h = Sample.histogram(series, exponential(), 5);
    assertThat(h.isHistogram()).isTrue();
    assertThat(h.isStaleMarker()).isFalse();
    assertThat(h.histogram()).isEqualTo(exponential());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("schema 9", (Supplier<?>) () -> FloatHistogram.builder().schema(9).build()),
        Arguments.of(
            "spans cover 2 buckets but 1 is given",
            (Supplier<?>)
                () ->
                    FloatHistogram.builder()
                        .positive(List.of(new HistogramSpan(0, 2)), new double[] {1})
                        .build()),
        Arguments.of(
            "second span with a negative offset",
            (Supplier<?>)
                () ->
                    FloatHistogram.builder()
                        .positive(
                            List.of(new HistogramSpan(0, 1), new HistogramSpan(-1, 1)),
                            new double[] {1, 1})
                        .build()),
        Arguments.of(
            "custom bounds on an exponential schema",
            (Supplier<?>) () -> FloatHistogram.builder().customValues(new double[] {1}).build()),
        Arguments.of(
            "custom bounds that do not increase",
            (Supplier<?>)
                () ->
                    FloatHistogram.builder().schema(-53).customValues(new double[] {2, 1}).build()),
        Arguments.of(
            "custom-bucket index past the +Inf bucket",
            (Supplier<?>)
                () ->
                    FloatHistogram.builder()
                        .schema(-53)
                        .customValues(new double[] {1})
                        .positive(List.of(new HistogramSpan(2, 1)), new double[] {1})
                        .build()),
        Arguments.of(
            "custom buckets with a zero bucket",
            (Supplier<?>)
                () ->
                    FloatHistogram.builder()
                        .schema(-53)
                        .zeroCount(1)
                        .customValues(new double[] {1})
                        .build()),
        Arguments.of(
            "negative zero threshold",
            (Supplier<?>) () -> FloatHistogram.builder().zeroThreshold(-1).build()));
  }

  @ParameterizedTest(name = "{0} is rejected")
  @MethodSource("invalid")
  void rejectsInvalidLayouts(String name, Supplier<?> construction) {
    assertThatThrownBy(construction::get).isInstanceOf(IllegalArgumentException.class);
  }
}
