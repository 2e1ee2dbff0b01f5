package dev.alerting.ingest.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.ingest.sample.RejectReason;
import dev.alerting.ingest.sample.SampleError;
import dev.alerting.ingest.sample.SampleLimits;
import dev.alerting.ingest.sample.Validation;
import dev.alerting.model.Labels;
import dev.alerting.model.sample.CounterResetHint;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.HistogramSpan;
import dev.alerting.model.sample.Sample;
import dev.alerting.testkit.HistogramEncoder;
import dev.alerting.testkit.WriteRequestEncoder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RemoteWriteParser, native histograms (remote write 1.0 TimeSeries.histograms)")
class RemoteWriteHistogramTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final SampleLimits LIMITS =
      new SampleLimits(10, 3, 20, 10, Duration.ofMinutes(10), Duration.ofHours(24));
  private static final Map<String, String> LATENCY =
      Map.of("__name__", "rpc_latency_seconds", "job", "api");
  private final RemoteWriteParser parser = new RemoteWriteParser(LIMITS, 4096);

  private Validation parse(WriteRequestEncoder e) {
    return parser.parse(e.snappy(), NOW);
  }

  @Test
  @DisplayName("integer and float histograms become histogram samples, beside float series")
  void accepted() {
    Validation v =
        parse(
            new WriteRequestEncoder()
                .series(Map.of("__name__", "up"), 1, NOW)
                .histogramSeries(
                    LATENCY,
                    HistogramEncoder.integer(9, 12.5, 1)
                        .zero(0.001, 2)
                        .positive(new int[] {-1, 2, 2, 1}, 3, -1, 0) // counts 3, 2, 2
                        .resetHint(2)
                        .timestamp(NOW - 1000),
                    HistogramEncoder.floats(4.5, Double.NaN, -53)
                        .positive(new int[] {0, 2}, 1.5, 3)
                        .customValues(0.25, 1)
                        .resetHint(3)
                        .timestamp(NOW)));

    assertThat(v).isInstanceOf(Validation.Valid.class);
    Labels series = Labels.of(LATENCY);
    FloatHistogram first =
        FloatHistogram.builder()
            .schema(1)
            .zeroThreshold(0.001)
            .zeroCount(2)
            .count(9)
            .sum(12.5)
            .positive(
                List.of(new HistogramSpan(-1, 2), new HistogramSpan(2, 1)), new double[] {3, 2, 2})
            .counterResetHint(CounterResetHint.NOT_COUNTER_RESET)
            .build();
    FloatHistogram second =
        FloatHistogram.builder()
            .schema(-53)
            .count(4.5)
            .sum(Double.NaN)
            .positive(List.of(new HistogramSpan(0, 2)), new double[] {1.5, 3})
            .customValues(new double[] {0.25, 1})
            .counterResetHint(CounterResetHint.GAUGE)
            .build();
    assertThat(((Validation.Valid) v).samples())
        .containsExactly(
            new Sample(Labels.of("__name__", "up"), 1, NOW),
            Sample.histogram(series, first, NOW - 1000),
            Sample.histogram(series, second, NOW));
  }

  @Test
  @DisplayName("an invalid histogram is an error naming the series and the problem; nothing kept")
  void invalid() {
    Validation v =
        parse(
            new WriteRequestEncoder()
                .histogramSeries(LATENCY, HistogramEncoder.integer(1, 1, 0).timestamp(NOW))
                .histogramSeries(
                    LATENCY,
                    HistogramEncoder.integer(0, 0, 0).timestamp(NOW),
                    HistogramEncoder.integer(0, 0, 9).timestamp(NOW))
                .histogramSeries(
                    LATENCY,
                    HistogramEncoder.integer(2, 1, 0)
                        .positive(new int[] {0, 2}, 3, -2)
                        .timestamp(NOW))
                .histogramSeries(
                    LATENCY,
                    HistogramEncoder.floats(1, 1, 0)
                        .positive(new int[] {0, 3}, 1, 1)
                        .timestamp(NOW)));

    assertThat(v)
        .isEqualTo(
            new Validation.Invalid(
                List.of(
                    new SampleError(
                        0,
                        RejectReason.VALUE,
                        "histogram 0: 0 observations found in buckets, but count is 1"
                            + " (must be equal when sum is set)"),
                    new SampleError(
                        1,
                        RejectReason.VALUE,
                        "histogram 1: schema 9 is not supported (-4..8, or -53 with custom_values)"),
                    new SampleError(
                        2,
                        RejectReason.VALUE,
                        "histogram 0: 4 observations found in buckets, but count is 2"
                            + " (must be equal when sum is set)"),
                    new SampleError(
                        3,
                        RejectReason.VALUE,
                        "histogram 0: positive spans cover 3 buckets but 2 are given")),
                5,
                "series"));
  }

  @Test
  @DisplayName("labels and timestamps of histogram-only series are checked like any other")
  void labelsAndTime() {
    Validation v =
        parse(
            new WriteRequestEncoder()
                .histogramSeries(
                    Map.of("job", "api"), HistogramEncoder.integer(0, 0, 0).timestamp(NOW))
                .histogramSeries(
                    LATENCY, HistogramEncoder.integer(0, 0, 0).timestamp(NOW + 3_600_000)));

    assertThat(((Validation.Invalid) v).errors())
        .containsExactly(
            new SampleError(
                0, RejectReason.METRIC_NAME, "the series has no metric name (__name__)"),
            new SampleError(
                1,
                RejectReason.TIMESTAMP,
                "sample 0: timestamp "
                    + (NOW + 3_600_000)
                    + " is more than 10m in the future (INGEST_MAX_FUTURE_SKEW)"));
  }

  @Test
  @DisplayName("histograms count toward the per-request sample limit")
  void limit() {
    HistogramEncoder h = HistogramEncoder.integer(0, 0, 0).timestamp(NOW);
    Validation v =
        parse(new WriteRequestEncoder().histogramSeries(LATENCY, h, h, h, h, h, h, h, h, h, h, h));
    assertThat(v).isEqualTo(new Validation.TooManySamples(11, 10));
  }
}
