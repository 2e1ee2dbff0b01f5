package dev.alerting.platform.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SampleCodecTest {
  private static final Labels LABELS =
      Labels.of(java.util.Map.of("job", "api", "path", "/a\"b\\c\n", "zone", "eu-1 ü"));

  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of("integer", 42.0),
        Arguments.of("fraction", 0.1),
        Arguments.of("negative tiny", -1.5e-300),
        Arguments.of("huge", 1.7976931348623157e308),
        Arguments.of("NaN", Double.NaN),
        Arguments.of("+Inf", Double.POSITIVE_INFINITY),
        Arguments.of("-Inf", Double.NEGATIVE_INFINITY),
        Arguments.of("stale marker", Double.longBitsToDouble(Sample.STALE_NAN_BITS)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void roundTripsEveryValueBitForBitWhereItMatters(String name, double value) {
    Sample s = Sample.of("http_requests_total", LABELS, value, 1_767_225_600_123L);

    Sample back = SampleCodec.decode(SampleCodec.encode(s));

    assertThat(back.series()).isEqualTo(s.series());
    assertThat(back.timestampMillis()).isEqualTo(s.timestampMillis());
    assertThat(back.isStaleMarker()).isEqualTo(s.isStaleMarker());
    assertThat(Double.compare(back.value(), value)).isZero();
  }

  @Test
  void encodesTheDocumentedShape() {
    Sample s = Sample.of("up", Labels.of(java.util.Map.of("job", "api")), 1, 5);

    assertThat(SampleCodec.encode(s))
        .isEqualTo("{\"name\":\"up\",\"labels\":{\"job\":\"api\"},\"value\":1.0,\"timestamp\":5}");
    assertThat(SampleCodec.encode(Sample.of("up", Labels.empty(), Double.NaN, 5)))
        .contains("\"value\":\"NaN\"");
  }

  @Test
  void readsFieldsInAnyOrderAndIgnoresUnknownOnes() {
    Sample s =
        SampleCodec.decode(
            "{\"timestamp\":7,\"extra\":{\"x\":[1,2]},\"value\":\"+Inf\","
                + "\"labels\":{\"b\":\"2\",\"a\":\"1\"},\"name\":\"m\"}");

    assertThat(s.series())
        .isEqualTo(Labels.of(java.util.Map.of("__name__", "m", "a", "1", "b", "2")));
    assertThat(s.value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(s.timestampMillis()).isEqualTo(7);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void rejectsBrokenRecordsWithACodecException(String name, String json, String message) {
    assertThatThrownBy(() -> SampleCodec.decode(json))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(message);
  }

  static Stream<Arguments> broken() {
    return Stream.of(
        Arguments.of("not an object", "[1]", "not a JSON object"),
        Arguments.of("no value", "{\"name\":\"m\",\"timestamp\":1}", "no value"),
        Arguments.of("word as value", "{\"name\":\"m\",\"value\":\"high\"}", "is not a number"),
        Arguments.of("no name", "{\"value\":1,\"timestamp\":1}", "invalid sample record"),
        Arguments.of("truncated", "{\"name\":\"m\",\"value\":1", "invalid sample record"));
  }
}
