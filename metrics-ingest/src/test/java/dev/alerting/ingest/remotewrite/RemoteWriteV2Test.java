package dev.alerting.ingest.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.ingest.sample.RejectReason;
import dev.alerting.ingest.sample.SampleError;
import dev.alerting.ingest.sample.SampleLimits;
import dev.alerting.ingest.sample.Validation;
import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.HistogramSpan;
import dev.alerting.model.sample.Sample;
import dev.alerting.testkit.HistogramEncoder;
import dev.alerting.testkit.RequestV2Encoder;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("RemoteWriteParser, remote write 2.0 (io.prometheus.write.v2.Request)")
class RemoteWriteV2Test {
  private static final long NOW = 1_700_000_000_000L;
  private static final SampleLimits LIMITS =
      new SampleLimits(10, 3, 20, 10, Duration.ofMinutes(10), Duration.ofHours(24));
  private final RemoteWriteParser parser = new RemoteWriteParser(LIMITS, 4096);

  private static Map<String, String> labels(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @ParameterizedTest(name = "symbols written last: {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("labels resolve through the symbols table; samples and histograms are read")
  void reads(boolean symbolsLast) {
    RequestV2Encoder request = new RequestV2Encoder();
    if (symbolsLast) {
      request.symbolsLast();
    }
    request
        .series(labels("__name__", "up", "job", "api"), new double[] {1, NOW - 1000, 0, NOW})
        .series(
            labels("__name__", "rpc_latency_seconds", "job", "api"),
            new double[0],
            HistogramEncoder.integer(3, 0.75, 0)
                .positive(new int[] {0, 2}, 1, 1) // counts 1, 2
                .timestamp(NOW));

    Validation v = parser.parseV2(request.snappy(), NOW);

    Labels up = Labels.of("__name__", "up", "job", "api");
    FloatHistogram h =
        FloatHistogram.builder()
            .count(3)
            .sum(0.75)
            .positive(List.of(new HistogramSpan(0, 2)), new double[] {1, 2})
            .build();
    assertThat(v)
        .isEqualTo(
            new Validation.Valid(
                List.of(
                    new Sample(up, 1, NOW - 1000),
                    new Sample(up, 0, NOW),
                    Sample.histogram(
                        Labels.of("__name__", "rpc_latency_seconds", "job", "api"), h, NOW))));
  }

  @Test
  @DisplayName("bad label references, bad labels and bad histograms name their series")
  void invalid() {
    RequestV2Encoder request = new RequestV2Encoder();
    ByteArrayOutputStream odd = new ByteArrayOutputStream();
    odd.write(request.ref("__name__"));
    ByteArrayOutputStream past = new ByteArrayOutputStream();
    past.write(request.ref("__name__"));
    past.write(99);
    request
        .rawSeries(odd.toByteArray(), new double[] {1, NOW})
        .rawSeries(past.toByteArray(), new double[] {1, NOW})
        .series(labels("job", "x"), new double[] {1, NOW})
        .series(
            labels("__name__", "h"),
            new double[0],
            HistogramEncoder.floats(1, 1, 0).positive(new int[] {0, 1}, -1).timestamp(NOW));

    Validation v = parser.parseV2(request.snappy(), NOW);

    assertThat(((Validation.Invalid) v).errors())
        .containsExactly(
            new SampleError(
                0, RejectReason.LABEL, "labels_refs has 1 references, not name-value pairs"),
            new SampleError(
                1, RejectReason.LABEL, "labels_refs 1, 99 point past the symbols table of 5"),
            new SampleError(
                2, RejectReason.METRIC_NAME, "the series has no metric name (__name__)"),
            new SampleError(
                3, RejectReason.VALUE, "histogram 0: positive bucket 0 has a negative count -1.0"));
  }

  @Test
  @DisplayName("a symbols table not starting with the empty string is malformed")
  void symbolsStart() {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    dev.alerting.testkit.WriteRequestEncoder.bytesField(request, 4, "up".getBytes());
    Validation v =
        parser.parseV2(dev.alerting.testkit.WriteRequestEncoder.snappy(request.toByteArray()), NOW);
    assertThat(v)
        .isEqualTo(
            new Validation.Malformed(
                "protobuf io.prometheus.write.v2.Request: the symbols table must start with the"
                    + " empty string"));
  }
}
