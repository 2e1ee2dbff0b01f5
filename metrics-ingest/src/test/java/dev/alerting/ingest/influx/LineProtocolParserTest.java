package dev.alerting.ingest.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.alerting.ingest.sample.FormatException;
import dev.alerting.ingest.sample.RejectReason;
import dev.alerting.ingest.sample.SampleError;
import dev.alerting.ingest.sample.SampleLimits;
import dev.alerting.ingest.sample.Validation;
import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("LineProtocolParser (Influx)")
class LineProtocolParserTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final SampleLimits LIMITS =
      new SampleLimits(10, 5, 64, 64, Duration.ofMinutes(10), Duration.ofHours(24));
  private final LineProtocolParser parser = new LineProtocolParser(LIMITS);

  private Validation parse(String body, Precision precision) {
    return parser.parse(body.getBytes(StandardCharsets.UTF_8), precision, NOW);
  }

  @Test
  @DisplayName(
      "maps field value to the measurement and other fields to measurement_field, tags to labels")
  void fieldsAndTags() {
    Validation v =
        parse(
            "cpu,host=a,region=eu value=0.5,usage_idle=90i,ok=true,down=F,note=\"x y\" "
                + NOW
                + "000000\n",
            Precision.NANOSECONDS);
    Labels tags = Labels.of("host", "a", "region", "eu");
    assertThat(v)
        .isEqualTo(
            new Validation.Valid(
                List.of(
                    Sample.of("cpu", tags, 0.5, NOW),
                    Sample.of("cpu_usage_idle", tags, 90, NOW),
                    Sample.of("cpu_ok", tags, 1, NOW),
                    Sample.of("cpu_down", tags, 0, NOW)),
                Map.of(LineProtocolParser.SKIPPED_STRING_FIELD, 1)));
  }

  static Stream<Arguments> precisions() {
    return Stream.of(
        arguments(Precision.NANOSECONDS, NOW * 1_000_000 + 999_999),
        arguments(Precision.MICROSECONDS, NOW * 1_000 + 999),
        arguments(Precision.MILLISECONDS, NOW),
        arguments(Precision.SECONDS, NOW / 1000));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("precisions")
  @DisplayName("converts timestamps of every precision to milliseconds, rounding down")
  void precision(Precision precision, long timestamp) {
    Validation v = parse("m value=1 " + timestamp, precision);
    assertThat(((Validation.Valid) v).samples().get(0).timestampMillis()).isEqualTo(NOW);
  }

  @Test
  @DisplayName("reads both APIs' precision spellings and defaults to nanoseconds")
  void precisionNames() {
    assertThat(Precision.parse(null)).isEqualTo(Precision.NANOSECONDS);
    assertThat(Precision.parse("n")).isEqualTo(Precision.NANOSECONDS);
    assertThat(Precision.parse("u")).isEqualTo(Precision.MICROSECONDS);
    assertThat(Precision.parse("us")).isEqualTo(Precision.MICROSECONDS);
    assertThat(Precision.parse("ms")).isEqualTo(Precision.MILLISECONDS);
    assertThat(Precision.parse("s")).isEqualTo(Precision.SECONDS);
    assertThatThrownBy(() -> Precision.parse("h"))
        .isInstanceOf(FormatException.class)
        .hasMessage("precision \"h\" is not one of ns, us, ms, s (v1: n, u, ms, s)");
  }

  @Test
  @DisplayName(
      "undoes escapes and makes names Prometheus-safe; no timestamp means now; comments skipped")
  void escapesAndNames() {
    Validation v =
        parse(
            "# comment\n\nmy\\ disk.io,path=C:\\\\x,mount\\=point=/a\\,b,dc-name=x read-bytes=3u\n",
            Precision.NANOSECONDS);
    assertThat(v)
        .isEqualTo(
            new Validation.Valid(
                List.of(
                    Sample.of(
                        "my_disk_io_read_bytes",
                        Labels.of("path", "C:\\x", "mount_point", "/a,b", "dc_name", "x"),
                        3,
                        NOW))));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        arguments(
            "no fields",
            "cpu,host=a",
            "missing fields: expected a blank then field=value after the measurement and tags at column 11"),
        arguments(
            "a field without value", "cpu value=", "missing value of field \"value\" at column 11"),
        arguments(
            "a field without =",
            "cpu value",
            "expected '=' after field key \"value\" at column 10"),
        arguments(
            "a bad number",
            "cpu value=1.2.3",
            "value \"1.2.3\" of field \"value\" is not a float, integer (i), unsigned (u), boolean or string at column 11"),
        arguments(
            "NaN",
            "cpu value=NaN",
            "value \"NaN\" of field \"value\" is not a float, integer (i), unsigned (u), boolean or string at column 11"),
        arguments(
            "a bad timestamp",
            "cpu value=1 12ab",
            "timestamp \"12ab\" is not an integer at column 13"),
        arguments(
            "an unclosed string",
            "cpu msg=\"abc",
            "string value of field \"msg\" is not closed with '\"' at column 9"),
        arguments(
            "a tag without value",
            "cpu,host= value=1",
            "missing value of tag \"host\" at column 10"),
        arguments("a missing measurement", ",host=a value=1", "missing measurement at column 1"),
        arguments(
            "an integer out of range",
            "cpu value=99999999999999999999i",
            "integer value 99999999999999999999i of field \"value\" is out of range at column 11"),
        arguments(
            "trailing junk", "cpu value=1 1 2", "unexpected \"2\" after the fields at column 15"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  @DisplayName("reports a malformed line with its number, column and reason")
  void malformedLine(String description, String line, String reason) {
    Validation v = parse("ok value=1\n" + line + "\n", Precision.NANOSECONDS);
    assertThat(v)
        .isEqualTo(
            new Validation.Invalid(
                List.of(new SampleError(2, RejectReason.STRUCTURE, reason)), 1, "line"));
  }

  @Test
  @DisplayName("a timestamp outside the window is an error of its line naming the key")
  void timestampWindow() {
    Validation v = parse("cpu value=1 " + (NOW - 86_400_001) + "\n", Precision.MILLISECONDS);
    assertThat(v)
        .isEqualTo(
            new Validation.Invalid(
                List.of(
                    new SampleError(
                        1,
                        RejectReason.TIMESTAMP,
                        "timestamp "
                            + (NOW - 86_400_001)
                            + " is more than 1d old (INGEST_MAX_SAMPLE_AGE)")),
                1,
                "line"));
  }
}
