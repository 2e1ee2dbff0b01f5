package dev.alerting.ingest.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("SampleValidator")
class SampleValidatorTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final SampleLimits LIMITS =
      new SampleLimits(5, 3, 20, 10, Duration.ofMinutes(10), Duration.ofHours(24));
  private final SampleValidator validator = new SampleValidator(LIMITS);

  private Validation validate(String body) {
    return validator.validate(body.getBytes(StandardCharsets.UTF_8), NOW);
  }

  static Stream<Arguments> validSamples() {
    return Stream.of(
        arguments(
            "a full sample",
            "{\"name\":\"up\",\"labels\":{\"job\":\"api\"},\"value\":1,\"timestamp\":" + NOW + "}",
            Sample.of("up", Labels.of("job", "api"), 1, NOW)),
        arguments(
            "no timestamp gets now",
            "{\"name\":\"up\",\"labels\":{},\"value\":0.5}",
            Sample.of("up", Labels.empty(), 0.5, NOW)),
        arguments(
            "no labels at all",
            "{\"name\":\"up\",\"value\":-3}",
            Sample.of("up", Labels.empty(), -3, NOW)),
        arguments(
            "colons and underscores in the name",
            "{\"name\":\"job:rate_5m:sum\",\"value\":2}",
            Sample.of("job:rate_5m:sum", Labels.empty(), 2, NOW)),
        arguments(
            "a name of exactly the length limit",
            "{\"name\":\"" + "a".repeat(20) + "\",\"value\":2}",
            Sample.of("a".repeat(20), Labels.empty(), 2, NOW)),
        arguments(
            "a single underscore label name",
            "{\"name\":\"up\",\"labels\":{\"_x\":\"1\"},\"value\":1}",
            Sample.of("up", Labels.of("_x", "1"), 1, NOW)),
        arguments(
            "exactly the label count limit",
            "{\"name\":\"up\",\"labels\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"},\"value\":1}",
            Sample.of("up", Labels.of("a", "1", "b", "2", "c", "3"), 1, NOW)),
        arguments(
            "a label value of exactly the length limit",
            "{\"name\":\"up\",\"labels\":{\"a\":\"" + "v".repeat(10) + "\"},\"value\":1}",
            Sample.of("up", Labels.of("a", "v".repeat(10)), 1, NOW)),
        arguments(
            "an exponent value",
            "{\"name\":\"up\",\"value\":1.5e300}",
            Sample.of("up", Labels.empty(), 1.5e300, NOW)),
        arguments(
            "a timestamp exactly 10m ahead",
            "{\"name\":\"up\",\"value\":1,\"timestamp\":" + (NOW + 600_000) + "}",
            Sample.of("up", Labels.empty(), 1, NOW + 600_000)),
        arguments(
            "a timestamp exactly 24h old",
            "{\"name\":\"up\",\"value\":1,\"timestamp\":" + (NOW - 86_400_000) + "}",
            Sample.of("up", Labels.empty(), 1, NOW - 86_400_000)));
  }

  @ParameterizedTest(name = "accepts {0}")
  @MethodSource("validSamples")
  @DisplayName("accepts valid samples as they were sent")
  void acceptsValidSamples(String description, String json, Sample expected) {
    Validation v = validate("[" + json + "]");
    assertThat(v).isEqualTo(new Validation.Valid(List.of(expected)));
  }

  static Stream<Arguments> invalidSamples() {
    return Stream.of(
        arguments(
            "a name starting with a digit",
            "{\"name\":\"9x\",\"value\":1}",
            RejectReason.METRIC_NAME,
            "metric name \"9x\" must match [a-zA-Z_:][a-zA-Z0-9_:]*"),
        arguments(
            "a name with a dash",
            "{\"name\":\"http-requests\",\"value\":1}",
            RejectReason.METRIC_NAME,
            "metric name \"http-requests\" must match [a-zA-Z_:][a-zA-Z0-9_:]*"),
        arguments(
            "an empty name",
            "{\"name\":\"\",\"value\":1}",
            RejectReason.METRIC_NAME,
            "metric name \"\" must match [a-zA-Z_:][a-zA-Z0-9_:]*"),
        arguments(
            "a name that is not a string",
            "{\"name\":5,\"value\":1}",
            RejectReason.METRIC_NAME,
            "name must be a string, got number 5"),
        arguments(
            "a missing name", "{\"value\":1}", RejectReason.STRUCTURE, "missing field \"name\""),
        arguments(
            "a name over the length limit",
            "{\"name\":\"" + "a".repeat(21) + "\",\"value\":1}",
            RejectReason.LIMIT,
            "metric name \""
                + "a".repeat(21)
                + "\" is 21 characters long, more than the limit of 20 (INGEST_MAX_LABEL_NAME_LENGTH)"),
        arguments(
            "a label name with a colon",
            "{\"name\":\"up\",\"labels\":{\"a:b\":\"1\"},\"value\":1}",
            RejectReason.LABEL,
            "label name \"a:b\" must match [a-zA-Z_][a-zA-Z0-9_]*"),
        arguments(
            "a label name starting with a digit",
            "{\"name\":\"up\",\"labels\":{\"1a\":\"1\"},\"value\":1}",
            RejectReason.LABEL,
            "label name \"1a\" must match [a-zA-Z_][a-zA-Z0-9_]*"),
        arguments(
            "a reserved label name",
            "{\"name\":\"up\",\"labels\":{\"__meta\":\"1\"},\"value\":1}",
            RejectReason.LABEL,
            "label name \"__meta\" is reserved (starts with __)"),
        arguments(
            "__name__ among the labels",
            "{\"name\":\"up\",\"labels\":{\"__name__\":\"x\"},\"value\":1}",
            RejectReason.LABEL,
            "label name \"__name__\" is reserved (starts with __); the metric name goes in \"name\""),
        arguments(
            "a label name over the length limit",
            "{\"name\":\"up\",\"labels\":{\"" + "l".repeat(21) + "\":\"1\"},\"value\":1}",
            RejectReason.LIMIT,
            "label name \""
                + "l".repeat(21)
                + "\" is 21 characters long, more than the limit of 20 (INGEST_MAX_LABEL_NAME_LENGTH)"),
        arguments(
            "a numeric label value",
            "{\"name\":\"up\",\"labels\":{\"code\":200},\"value\":1}",
            RejectReason.LABEL,
            "label \"code\" value must be a string, got number 200"),
        arguments(
            "a null label value",
            "{\"name\":\"up\",\"labels\":{\"code\":null},\"value\":1}",
            RejectReason.LABEL,
            "label \"code\" value must be a string, got null"),
        arguments(
            "a label value over the length limit",
            "{\"name\":\"up\",\"labels\":{\"a\":\"" + "v".repeat(11) + "\"},\"value\":1}",
            RejectReason.LIMIT,
            "label \"a\" value is 11 characters long, more than the limit of 10 (INGEST_MAX_LABEL_VALUE_LENGTH)"),
        arguments(
            "too many labels",
            "{\"name\":\"up\",\"labels\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\",\"d\":\"4\"},\"value\":1}",
            RejectReason.LIMIT,
            "sample has 4 labels, more than the limit of 3 (INGEST_MAX_LABELS)"),
        arguments(
            "labels as an array",
            "{\"name\":\"up\",\"labels\":[\"a\"],\"value\":1}",
            RejectReason.LABEL,
            "labels must be an object of string values, got array"),
        arguments(
            "a missing value",
            "{\"name\":\"up\"}",
            RejectReason.STRUCTURE,
            "missing field \"value\""),
        arguments(
            "NaN as a string",
            "{\"name\":\"up\",\"value\":\"NaN\"}",
            RejectReason.VALUE,
            "value must be a finite number, got string \"NaN\""),
        arguments(
            "a number as a string",
            "{\"name\":\"up\",\"value\":\"1.5\"}",
            RejectReason.VALUE,
            "value must be a finite number, got string \"1.5\""),
        arguments(
            "a NaN token",
            "{\"name\":\"up\",\"value\":NaN}",
            RejectReason.VALUE,
            "value must be a finite number, got NaN"),
        arguments(
            "an Infinity token",
            "{\"name\":\"up\",\"value\":-Infinity}",
            RejectReason.VALUE,
            "value must be a finite number, got -Infinity"),
        arguments(
            "a number too large for a double",
            "{\"name\":\"up\",\"value\":1e400}",
            RejectReason.VALUE,
            "value must be a finite number, got Infinity"),
        arguments(
            "a null value",
            "{\"name\":\"up\",\"value\":null}",
            RejectReason.VALUE,
            "value must be a finite number, got null"),
        arguments(
            "a boolean value",
            "{\"name\":\"up\",\"value\":true}",
            RejectReason.VALUE,
            "value must be a finite number, got boolean"),
        arguments(
            "a fractional timestamp",
            "{\"name\":\"up\",\"value\":1,\"timestamp\":1.5}",
            RejectReason.TIMESTAMP,
            "timestamp must be an integer of epoch milliseconds, got number 1.5"),
        arguments(
            "a string timestamp",
            "{\"name\":\"up\",\"value\":1,\"timestamp\":\"2024-01-01T00:00:00Z\"}",
            RejectReason.TIMESTAMP,
            "timestamp must be an integer of epoch milliseconds, got string \"2024-01-01T00:00:00Z\""),
        arguments(
            "a timestamp beyond a long",
            "{\"name\":\"up\",\"value\":1,\"timestamp\":99999999999999999999}",
            RejectReason.TIMESTAMP,
            "timestamp must be an integer of epoch milliseconds, got number 99999999999999999999"),
        arguments(
            "a zero timestamp",
            "{\"name\":\"up\",\"value\":1,\"timestamp\":0}",
            RejectReason.TIMESTAMP,
            "timestamp must be positive epoch milliseconds, got 0"),
        arguments(
            "a negative timestamp",
            "{\"name\":\"up\",\"value\":1,\"timestamp\":-5}",
            RejectReason.TIMESTAMP,
            "timestamp must be positive epoch milliseconds, got -5"),
        arguments(
            "a timestamp too far ahead",
            "{\"name\":\"up\",\"value\":1,\"timestamp\":" + (NOW + 600_001) + "}",
            RejectReason.TIMESTAMP,
            "timestamp " + (NOW + 600_001) + " is more than 10m in the future"),
        arguments(
            "a timestamp in seconds, not millis",
            "{\"name\":\"up\",\"value\":1,\"timestamp\":" + NOW / 1000 + "}",
            RejectReason.TIMESTAMP,
            "timestamp " + NOW / 1000 + " is more than 1d old"),
        arguments(
            "an unknown field",
            "{\"name\":\"up\",\"valeu\":1,\"value\":1}",
            RejectReason.STRUCTURE,
            "unknown field \"valeu\""),
        arguments(
            "a sample that is not an object",
            "[1]",
            RejectReason.STRUCTURE,
            "sample must be a JSON object, got array"),
        arguments(
            "a sample that is a string",
            "\"up 1\"",
            RejectReason.STRUCTURE,
            "sample must be a JSON object, got string \"up 1\""));
  }

  @ParameterizedTest(name = "rejects {0}")
  @MethodSource("invalidSamples")
  @DisplayName("rejects an invalid sample with its index and a precise reason")
  void rejectsInvalidSamples(
      String description, String json, RejectReason category, String reason) {
    Validation v = validate("[" + json + "]");
    assertThat(v)
        .isEqualTo(new Validation.Invalid(List.of(new SampleError(0, category, reason)), 1));
  }

  @Test
  @DisplayName("lists every bad sample by index and names all problems of one sample")
  void listsEveryBadSample() {
    Validation v =
        validate(
            "[{\"name\":\"ok\",\"value\":1},"
                + "{\"name\":\"9x\",\"labels\":{\"__a\":\"1\"},\"value\":\"x\"},"
                + "{\"name\":\"ok\",\"value\":2},"
                + "{\"name\":\"ok\",\"valeu\":3}]");
    assertThat(v)
        .isEqualTo(
            new Validation.Invalid(
                List.of(
                    new SampleError(
                        1,
                        RejectReason.METRIC_NAME,
                        "metric name \"9x\" must match [a-zA-Z_:][a-zA-Z0-9_:]*; "
                            + "label name \"__a\" is reserved (starts with __); "
                            + "value must be a finite number, got string \"x\""),
                    new SampleError(
                        3,
                        RejectReason.STRUCTURE,
                        "unknown field \"valeu\"; missing field \"value\"")),
                4));
  }

  @Test
  @DisplayName("keeps the request order of valid samples")
  void keepsOrder() {
    Validation v =
        validate(
            "[{\"name\":\"a\",\"value\":1,\"timestamp\":"
                + (NOW - 2)
                + "},{\"name\":\"a\",\"value\":2,\"timestamp\":"
                + (NOW - 1)
                + "}]");
    assertThat(v)
        .isEqualTo(
            new Validation.Valid(
                List.of(
                    Sample.of("a", Labels.empty(), 1, NOW - 2),
                    Sample.of("a", Labels.empty(), 2, NOW - 1))));
  }

  @Test
  @DisplayName("accepts an empty array as zero samples")
  void acceptsEmptyArray() {
    assertThat(validate("[]")).isEqualTo(new Validation.Valid(List.of()));
  }

  @Test
  @DisplayName("accepts exactly the per-request limit and rejects one more, naming the limit")
  void samplesPerRequestLimit() {
    String one = "{\"name\":\"up\",\"value\":1}";
    assertThat(validate("[" + String.join(",", java.util.Collections.nCopies(5, one)) + "]"))
        .isInstanceOf(Validation.Valid.class);
    assertThat(validate("[" + String.join(",", java.util.Collections.nCopies(6, one)) + "]"))
        .isEqualTo(new Validation.TooManySamples(6, 5));
  }

  static Stream<Arguments> malformedBodies() {
    return Stream.of(
        arguments("an empty body", "", "body is empty; expected a JSON array of samples"),
        arguments(
            "an object instead of an array",
            "{\"name\":\"up\",\"value\":1}",
            "expected a JSON array of samples, got an object at line 1, column 1"),
        arguments(
            "a number instead of an array",
            "  42",
            "expected a JSON array of samples, got a number at line 1, column 3"),
        arguments(
            "a missing comma",
            "[{\"name\":\"up\",\"value\":1}\n {\"name\":\"up\",\"value\":1}]",
            "malformed JSON: Unexpected character ('{' (code 123)): was expecting comma to separate Array entries"
                + " at line 2, column 2"),
        arguments(
            "an unterminated array",
            "[{\"name\":\"up\",\"value\":1}",
            "malformed JSON: Unexpected end-of-input: expected close marker for Array"),
        arguments(
            "a duplicate field",
            "[{\"name\":\"up\",\"name\":\"x\",\"value\":1}]",
            "malformed JSON: Duplicate field 'name' at line 1, column 21"),
        arguments(
            "content after the array",
            "[] []",
            "unexpected '[' after the array at line 1, column 4"));
  }

  @ParameterizedTest(name = "reports {0}")
  @MethodSource("malformedBodies")
  @DisplayName("reports a malformed body with the parser's message and position")
  void reportsMalformedBodies(String description, String body, String messageStart) {
    Validation v = validate(body);
    assertThat(v).isInstanceOf(Validation.Malformed.class);
    assertThat(((Validation.Malformed) v).message()).startsWith(messageStart);
  }
}
