package dev.alerting.ingest.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

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

@DisplayName("TextParser (exposition format 0.0.4)")
class TextParserTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final SampleLimits LIMITS =
      new SampleLimits(20, 3, 40, 40, Duration.ofMinutes(10), Duration.ofHours(24));
  private final TextParser parser = new TextParser(LIMITS);

  private Validation parse(String body) {
    return parser.parse(body.getBytes(StandardCharsets.UTF_8), Map.of(), NOW);
  }

  @Test
  @DisplayName("reads HELP, TYPE, comments, escaped values, timestamps and special values")
  void fullExposition() {
    String body =
        """
        # HELP http_requests_total The total number of HTTP requests.
        # TYPE http_requests_total counter
        http_requests_total{method="post",code="200"} 1027 %d
        http_requests_total{method="post",code="400"}    3 %d

        # a free comment
        msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
        metric_without_timestamp_and_labels 12.47
        something_weird{problem="division by zero"} +Inf
        minus{a="b",} -Inf
        nan_metric NaN
        """
            .formatted(NOW - 1000, NOW - 2000);
    Validation v = parse(body);
    assertThat(v).isInstanceOf(Validation.Valid.class);
    List<Sample> s = ((Validation.Valid) v).samples();
    assertThat(s).hasSize(7);
    assertThat(s.get(0))
        .isEqualTo(
            Sample.of(
                "http_requests_total",
                Labels.of("method", "post", "code", "200"),
                1027,
                NOW - 1000));
    assertThat(s.get(1))
        .isEqualTo(
            Sample.of(
                "http_requests_total", Labels.of("method", "post", "code", "400"), 3, NOW - 2000));
    assertThat(s.get(2).series().get("path")).isEqualTo("C:\\DIR\\FILE.TXT");
    assertThat(s.get(2).series().get("error")).isEqualTo("Cannot find file:\n\"FILE.TXT\"");
    assertThat(s.get(3))
        .isEqualTo(Sample.of("metric_without_timestamp_and_labels", Labels.empty(), 12.47, NOW));
    assertThat(s.get(5))
        .isEqualTo(Sample.of("minus", Labels.of("a", "b"), Double.NEGATIVE_INFINITY, NOW));
    assertThat(s.get(6).value()).isNaN();
  }

  @Test
  @DisplayName("errors on the 4th line: the timestamp of something_weird is outside the window")
  void timestampWindow() {
    Validation v = parse("a 1\nb 1\nc 1\nsomething_weird{problem=\"x\"} +Inf -3982045\n");
    assertThat(v)
        .isEqualTo(
            new Validation.Invalid(
                List.of(
                    new SampleError(
                        4,
                        RejectReason.TIMESTAMP,
                        "timestamp must be positive epoch milliseconds, got -3982045")),
                4,
                "line"));
  }

  @Test
  @DisplayName("reads histograms and summaries as their plain series")
  void histogramAndSummary() {
    String body =
        """
        # TYPE rpc histogram
        rpc_bucket{le="0.05"} 24054
        rpc_bucket{le="+Inf"} 144320
        rpc_sum 53423
        rpc_count 144320
        # TYPE rpc_duration summary
        rpc_duration{quantile="0.99"} 76656
        rpc_duration_sum 1.7560473e+07
        """;
    List<Sample> s = ((Validation.Valid) parse(body)).samples();
    assertThat(s)
        .extracting(Sample::name)
        .containsExactly(
            "rpc_bucket", "rpc_bucket", "rpc_sum", "rpc_count", "rpc_duration", "rpc_duration_sum");
    assertThat(s.get(1).series().get("le")).isEqualTo("+Inf");
    assertThat(s.get(4).series().get("quantile")).isEqualTo("0.99");
  }

  @Test
  @DisplayName("overrides replace the body's labels of the same name and add the others")
  void overrides() {
    Validation v =
        parser.parse(
            "up{job=\"mine\",x=\"1\"} 1\n".getBytes(StandardCharsets.UTF_8),
            Map.of("job", "batch", "instance", "h1"),
            NOW);
    assertThat(v)
        .isEqualTo(
            new Validation.Valid(
                List.of(
                    Sample.of(
                        "up", Labels.of("job", "batch", "instance", "h1", "x", "1"), 1, NOW))));
  }

  static Stream<Arguments> malformedLines() {
    return Stream.of(
        arguments("a missing value", "up", "expected a value after the metric at column 3"),
        arguments(
            "a value that is not a number", "up 1x", "value \"1x\" is not a number at column 4"),
        arguments(
            "a Java-only number spelling", "up 1d", "value \"1d\" is not a number at column 4"),
        arguments(
            "a fractional timestamp",
            "up 1 1.5",
            "timestamp \"1.5\" is not an integer of epoch milliseconds at column 9"),
        arguments(
            "text after the timestamp",
            "up 1 2 3",
            "unexpected \"3\" after the sample at column 8"),
        arguments(
            "an unclosed label value",
            "up{a=\"x} 1",
            "the value of label a is not closed with '\"' at column 11"),
        arguments(
            "a missing quote",
            "up{a=x} 1",
            "expected '\"' to open the value of label a at column 6"),
        arguments(
            "a missing equals", "up{a\"x\"} 1", "expected '=' after label name a at column 5"),
        arguments(
            "an invalid escape",
            "up{a=\"\\t\"} 1",
            "invalid escape \\t in the value of label a (only \\\\, \\\" and \\n are allowed) at column 7"),
        arguments(
            "a duplicate label",
            "up{a=\"1\",a=\"2\"} 1",
            "label a appears more than once at column 15"),
        arguments(
            "a __name__ label",
            "up{__name__=\"x\"} 1",
            "label name __name__ is reserved; the metric name goes before '{' at column 12"),
        arguments(
            "a line starting with a symbol", "{a=\"1\"} 1", "expected a metric name at column 1"),
        arguments(
            "an unknown TYPE",
            "# TYPE up countr",
            "# TYPE of up must be one of counter, gauge, histogram, summary, untyped; got \"countr\" at column 11"),
        arguments(
            "a missing separator",
            "up{a=\"1\" b=\"2\"} 1",
            "expected ',' or '}' after the value of label a at column 10"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedLines")
  @DisplayName("reports a malformed line with its number, column and reason")
  void malformed(String description, String line, String reason) {
    Validation v = parse("ok 1\n" + line + "\n");
    assertThat(v)
        .isEqualTo(
            new Validation.Invalid(
                List.of(new SampleError(2, RejectReason.STRUCTURE, reason)), 1, "line"));
  }

  @Test
  @DisplayName("reports every bad line, and validation errors like the JSON push, naming the limit")
  void everyBadLine() {
    Validation v = parse("9up 1\nok 1\nup{a=\"" + "v".repeat(41) + "\"} 1\nup{__x=\"1\"} 1\n");
    assertThat(v)
        .isEqualTo(
            new Validation.Invalid(
                List.of(
                    new SampleError(
                        1,
                        RejectReason.METRIC_NAME,
                        "metric name \"9up\" must match [a-zA-Z_:][a-zA-Z0-9_:]*"),
                    new SampleError(
                        3,
                        RejectReason.LIMIT,
                        "label \"a\" value is 41 characters long, more than the limit of 40 (INGEST_MAX_LABEL_VALUE_LENGTH)"),
                    new SampleError(
                        4, RejectReason.LABEL, "label name \"__x\" is reserved (starts with __)")),
                4,
                "line"));
  }

  @Test
  @DisplayName("a body that is not UTF-8 is Malformed; CRLF line ends are accepted")
  void encoding() {
    assertThat(parser.parse(new byte[] {'u', 'p', ' ', (byte) 0xc3, '1'}, Map.of(), NOW))
        .isEqualTo(new Validation.Malformed("the body is not valid UTF-8"));
    assertThat(parse("up 1\r\ndown 2\r\n")).isInstanceOf(Validation.Valid.class);
  }

  @Test
  @DisplayName("more samples than the limit is TooManySamples")
  void tooMany() {
    assertThat(parse("up 1\n".repeat(21))).isEqualTo(new Validation.TooManySamples(21, 20));
  }
}
