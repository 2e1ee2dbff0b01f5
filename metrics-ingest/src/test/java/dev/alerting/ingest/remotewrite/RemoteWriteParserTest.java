package dev.alerting.ingest.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.ingest.sample.RejectReason;
import dev.alerting.ingest.sample.SampleError;
import dev.alerting.ingest.sample.SampleLimits;
import dev.alerting.ingest.sample.Validation;
import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.testkit.WriteRequestEncoder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RemoteWriteParser")
class RemoteWriteParserTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final SampleLimits LIMITS =
      new SampleLimits(5, 3, 20, 10, Duration.ofMinutes(10), Duration.ofHours(24));
  private final RemoteWriteParser parser = new RemoteWriteParser(LIMITS, 4096);

  private static Map<String, String> labels(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private Validation parse(WriteRequestEncoder e) {
    return parser.parse(e.snappy(), NOW);
  }

  @Test
  @DisplayName(
      "reads every series and sample with its labels, values and timestamps, in body order")
  void readsSeries() {
    double stale = Double.longBitsToDouble(Sample.STALE_NAN_BITS);
    Validation v =
        parse(
            new WriteRequestEncoder()
                .series(
                    labels("__name__", "up", "job", "api", "instance", "a:9090"),
                    1,
                    NOW - 1000,
                    0,
                    NOW)
                .series(labels("__name__", "temp", "room", "x"), -3.5, NOW - 5, stale, NOW)
                .raw(3, new byte[] {0x08, 0x01})); // metadata: ignored
    assertThat(v).isInstanceOf(Validation.Valid.class);
    List<Sample> samples = ((Validation.Valid) v).samples();
    assertThat(samples.subList(0, 3))
        .containsExactly(
            Sample.of("up", Labels.of("job", "api", "instance", "a:9090"), 1, NOW - 1000),
            Sample.of("up", Labels.of("job", "api", "instance", "a:9090"), 0, NOW),
            Sample.of("temp", Labels.of("room", "x"), -3.5, NOW - 5));
    assertThat(samples.get(3).isStaleMarker())
        .as("the staleness marker keeps its exact NaN bits")
        .isTrue();
  }

  @Test
  @DisplayName("passes ordinary NaN and infinities through, as Prometheus's receiver does")
  void nonFinite() {
    Validation v =
        parse(
            new WriteRequestEncoder()
                .series(labels("__name__", "x"), Double.NaN, NOW, Double.POSITIVE_INFINITY, NOW));
    assertThat(((Validation.Valid) v).samples())
        .extracting(Sample::value)
        .containsExactly(Double.NaN, Double.POSITIVE_INFINITY);
  }

  @Test
  @DisplayName("an empty WriteRequest is zero samples")
  void empty() {
    assertThat(parser.parse(WriteRequestEncoder.snappy(new byte[0]), NOW))
        .isEqualTo(new Validation.Valid(List.of()));
  }

  @Test
  @DisplayName("names each bad series by index and each bad sample within it, and keeps nothing")
  void invalidSeries() {
    Validation v =
        parse(
            new WriteRequestEncoder()
                .series(labels("__name__", "up"), 1, NOW)
                .series(labels("job", "api"), 1, NOW)
                .series(labels("__name__", "up", "__meta_x", "1"), 1, NOW)
                .series(labels("__name__", "up"), 1, NOW, 2, NOW + 3_600_000));
    assertThat(v)
        .isEqualTo(
            new Validation.Invalid(
                List.of(
                    new SampleError(
                        1, RejectReason.METRIC_NAME, "the series has no metric name (__name__)"),
                    new SampleError(
                        2,
                        RejectReason.LABEL,
                        "label name \"__meta_x\" is reserved (starts with __)"),
                    new SampleError(
                        3,
                        RejectReason.TIMESTAMP,
                        "sample 1: timestamp "
                            + (NOW + 3_600_000)
                            + " is more than 10m in the future (INGEST_MAX_FUTURE_SKEW)")),
                5,
                "series"));
  }

  @Test
  @DisplayName("names the limit when a series has too many labels")
  void tooManyLabels() {
    Validation v =
        parse(
            new WriteRequestEncoder()
                .series(labels("__name__", "up", "a", "1", "b", "2", "c", "3", "d", "4"), 1, NOW));
    assertThat(((Validation.Invalid) v).errors())
        .containsExactly(
            new SampleError(
                0,
                RejectReason.LIMIT,
                "the series has 4 labels, more than the limit of 3 (INGEST_MAX_LABELS)"));
  }

  @Test
  @DisplayName("more samples than the request limit is TooManySamples")
  void tooManySamples() {
    Validation v =
        parse(
            new WriteRequestEncoder()
                .series(labels("__name__", "up"), 1, NOW, 2, NOW, 3, NOW, 4, NOW, 5, NOW, 6, NOW));
    assertThat(v).isEqualTo(new Validation.TooManySamples(6, 5));
  }

  @Test
  @DisplayName("a duplicate label name in a series is an error of that series")
  void duplicateLabel() {
    // a second job label inside one series: built by hand, the encoder takes a map
    WriteRequestEncoder dup = new WriteRequestEncoder();
    java.io.ByteArrayOutputStream ts = new java.io.ByteArrayOutputStream();
    for (String[] kv : new String[][] {{"__name__", "up"}, {"job", "a"}, {"job", "b"}}) {
      java.io.ByteArrayOutputStream l = new java.io.ByteArrayOutputStream();
      WriteRequestEncoder.bytesField(l, 1, kv[0].getBytes());
      WriteRequestEncoder.bytesField(l, 2, kv[1].getBytes());
      WriteRequestEncoder.bytesField(ts, 1, l.toByteArray());
    }
    WriteRequestEncoder.bytesField(ts, 2, WriteRequestEncoder.sample(1, NOW));
    dup.raw(1, ts.toByteArray());
    assertThat(parse(dup))
        .isEqualTo(
            new Validation.Invalid(
                List.of(
                    new SampleError(
                        0, RejectReason.LABEL, "label job appears more than once in the series")),
                1,
                "series"));
  }

  @Test
  @DisplayName("a body that is not snappy is Malformed with the reason")
  void notSnappy() {
    assertThat(
            parser.parse(
                new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1},
                NOW))
        .isEqualTo(
            new Validation.Malformed("snappy: the block does not start with a valid length"));
    assertThat(parser.parse(new byte[0], NOW))
        .isEqualTo(new Validation.Malformed("snappy: body is empty"));
    assertThat(parser.parse(new byte[] {10, 0x7f}, NOW))
        .isInstanceOf(Validation.Malformed.class)
        .extracting(m -> ((Validation.Malformed) m).message())
        .asString()
        .startsWith("snappy: ");
  }

  @Test
  @DisplayName("a snappy block declaring more than the body limit is refused before it is unpacked")
  void snappyBomb() {
    byte[] big = new byte[5000];
    assertThat(parser.parse(WriteRequestEncoder.snappy(big), NOW))
        .isEqualTo(new Validation.TooLarge(4096));
  }

  @Test
  @DisplayName("truncated protobuf is Malformed naming the byte")
  void truncatedProto() {
    byte[] proto = new WriteRequestEncoder().series(labels("__name__", "up"), 1, NOW).proto();
    byte[] cut = java.util.Arrays.copyOf(proto, proto.length - 3);
    assertThat(parser.parse(WriteRequestEncoder.snappy(cut), NOW))
        .isEqualTo(
            new Validation.Malformed(
                "protobuf WriteRequest: protobuf length "
                    + (proto.length - 2)
                    + " at byte 2 runs past the end of its message"));
  }

  @Test
  @DisplayName("a field with the wrong wire type is Malformed naming the field")
  void wrongWireType() {
    byte[] proto = {0x08, 0x01}; // field 1 as varint
    assertThat(parser.parse(WriteRequestEncoder.snappy(proto), NOW))
        .isEqualTo(
            new Validation.Malformed(
                "protobuf WriteRequest: WriteRequest.timeseries has protobuf wire type 0, expected 2"));
  }
}
