package dev.alerting.ingest.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte reader of plainly written JSON pushes against the careful reader it must agree with:
 * what it reads, it reads as the careful reader does; what it declines, the validator still answers
 * exactly as the careful reader (same samples, same error text). Fuzzed with generated, mutated and
 * random bodies ({@code -Dfuzz.rounds=N} for a long run).
 */
@DisplayName("PlainJsonSamples, the byte reader of plain JSON pushes")
class PlainJsonSamplesTest {
  private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 20_000);
  private static final long SEED = Long.getLong("fuzz.seed", 20_261_204L);
  private static final long NOW = 1_700_000_000_000L;
  private static final SampleLimits LIMITS =
      new SampleLimits(20, 3, 20, 10, Duration.ofMinutes(10), Duration.ofHours(24));

  private final SampleValidator validator = new SampleValidator(LIMITS);
  private final PlainJsonSamples plain = new PlainJsonSamples(LIMITS);

  static Stream<Arguments> plainBodies() {
    return Stream.of(
        arguments(
            "the shape clients send",
            "[{\"name\":\"up\",\"labels\":{\"job\":\"api\",\"instance\":\"h:1\"},\"value\":1,"
                + "\"timestamp\":"
                + NOW
                + "}]",
            List.of(Sample.of("up", Labels.of("job", "api", "instance", "h:1"), 1, NOW))),
        arguments(
            "whitespace everywhere, fields in another order",
            " [ \n{ \"value\" : 2.5 ,\t\"labels\" : { \"a\" : \"1\" } , \"name\" : \"x\" }\r\n ] ",
            List.of(Sample.of("x", Labels.of("a", "1"), 2.5, NOW))),
        arguments("an empty array", "[]", List.of()),
        arguments(
            "no labels, a negative decimal, -0 as an integer",
            "[{\"name\":\"a\",\"value\":-0.125},{\"name\":\"a\",\"value\":-0}]",
            List.of(
                Sample.of("a", Labels.empty(), -0.125, NOW),
                Sample.of("a", Labels.empty(), 0.0, NOW))),
        arguments(
            "-0.0 keeps its sign",
            "[{\"name\":\"a\",\"value\":-0.0}]",
            List.of(Sample.of("a", Labels.empty(), -0.0, NOW))),
        arguments(
            "a UTF-8 label value and an empty one (dropped, as everywhere)",
            "[{\"name\":\"t\",\"labels\":{\"room\":\"caf\u00e9 \ud83d\ude00\",\"e\":\"\"},\"value\":3}]",
            List.of(Sample.of("t", Labels.of("room", "caf\u00e9 \ud83d\ude00"), 3, NOW))),
        arguments(
            "the same series written twice (the second from the cache)",
            "[{\"name\":\"up\",\"labels\":{\"a\":\"1\"},\"value\":1},"
                + "{\"name\":\"up\",\"labels\":{\"a\":\"1\"},\"value\":2,\"timestamp\":"
                + (NOW - 1)
                + "}]",
            List.of(
                Sample.of("up", Labels.of("a", "1"), 1, NOW),
                Sample.of("up", Labels.of("a", "1"), 2, NOW - 1))));
  }

  @ParameterizedTest(name = "reads {0}")
  @MethodSource("plainBodies")
  @DisplayName("reads plainly written valid bodies as the careful reader does")
  void readsPlainBodies(String description, String body, List<Sample> expected) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    assertThat(plain.read(bytes, NOW)).isEqualTo(expected);
    assertThat(validator.validateCarefully(bytes, NOW)).isEqualTo(new Validation.Valid(expected));
  }

  static Stream<Arguments> declinedBodies() {
    return Stream.of(
        arguments(
            "an escape in a label value",
            "[{\"name\":\"a\",\"labels\":{\"q\":\"\\\"\"},\"value\":1}]"),
        arguments("an exponent", "[{\"name\":\"a\",\"value\":1e3}]"),
        arguments("16 significant digits", "[{\"name\":\"a\",\"value\":0.1234567890123456}]"),
        arguments("a leading zero", "[{\"name\":\"a\",\"value\":01}]"),
        arguments("a NaN token", "[{\"name\":\"a\",\"value\":NaN}]"),
        arguments("a float timestamp", "[{\"name\":\"a\",\"value\":1,\"timestamp\":1.7e12}]"),
        arguments(
            "a timestamp out of the window", "[{\"name\":\"a\",\"value\":1,\"timestamp\":5}]"),
        arguments("an unknown field", "[{\"name\":\"a\",\"value\":1,\"unit\":\"s\"}]"),
        arguments("a repeated field", "[{\"name\":\"a\",\"value\":1,\"value\":2}]"),
        arguments(
            "a repeated label",
            "[{\"name\":\"a\",\"labels\":{\"x\":\"1\",\"x\":\"2\"},\"value\":1}]"),
        arguments("an invalid name", "[{\"name\":\"9a\",\"value\":1}]"),
        arguments("a reserved label", "[{\"name\":\"a\",\"labels\":{\"__x\":\"1\"},\"value\":1}]"),
        arguments(
            "too many labels",
            "[{\"name\":\"a\",\"labels\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\",\"d\":\"4\"},\"value\":1}]"),
        arguments("a missing value", "[{\"name\":\"a\"}]"),
        arguments("a trailing comma", "[{\"name\":\"a\",\"value\":1},]"),
        arguments("content after the array", "[{\"name\":\"a\",\"value\":1}] x"),
        arguments("a byte order mark", "\ufeff[{\"name\":\"a\",\"value\":1}]"),
        arguments(
            "an unescaped tab in a string",
            "[{\"name\":\"a\",\"labels\":{\"a\":\"x\ty\"},\"value\":1}]"),
        arguments("an object, not an array", "{\"name\":\"a\",\"value\":1}"),
        arguments("an empty body", ""),
        arguments(
            "more samples than the limit",
            "["
                + String.join(
                    ",", java.util.Collections.nCopies(21, "{\"name\":\"a\",\"value\":1}"))
                + "]"));
  }

  @ParameterizedTest(name = "declines {0}")
  @MethodSource("declinedBodies")
  @DisplayName("declines what it does not read plainly, and the validator answers as before")
  void declinesUnusualBodies(String description, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    assertThat(plain.read(bytes, NOW)).isNull();
    assertThat(validator.validate(bytes, NOW)).isEqualTo(validator.validateCarefully(bytes, NOW));
  }

  @Test
  @DisplayName("declines a label value of malformed UTF-8, which the other readers judge")
  void declinesMalformedUtf8() {
    byte[] body =
        "[{\"name\":\"a\",\"labels\":{\"x\":\"..\"},\"value\":1}]".getBytes(StandardCharsets.UTF_8);
    int at = indexOf(body, (byte) '.');
    body[at] = (byte) 0xC3; // a lead byte followed by '.', not a continuation
    assertThat(plain.read(body, NOW)).isNull();
    assertThat(validator.validate(body, NOW)).isEqualTo(validator.validateCarefully(body, NOW));
  }

  @Test
  @DisplayName("agrees with the careful reader on generated, mutated and random bodies")
  void agreesOnFuzzedBodies() {
    Random random = new Random(SEED);
    int readPlainly = 0;
    for (int i = 0; i < ROUNDS; i++) {
      byte[] body =
          switch (i % 4) {
            case 0, 1 -> generated(random);
            case 2 -> mutated(random, generated(random));
            default -> tokens(random);
          };
      try {
        Validation careful = validator.validateCarefully(body, NOW);
        List<Sample> read = plain.read(body, NOW);
        if (read != null) {
          readPlainly++;
          assertThat(new Validation.Valid(read)).as("plain read").isEqualTo(careful);
        }
        assertThat(validator.validate(body, NOW)).as("verdict").isEqualTo(careful);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError(
            "body "
                + new String(body, StandardCharsets.UTF_8)
                + " ("
                + HexFormat.of().formatHex(body)
                + ")",
            e);
      }
    }
    // the generator writes mostly plain, valid bodies: the fast path must have been exercised
    assertThat(readPlainly).isGreaterThan(ROUNDS / 10);
  }

  private static final String[] NAMES = {"up", "x", "job:rate5m", "9x", "a-b", "", "__n"};
  private static final String[] LABEL_NAMES = {"job", "a", "instance", "__x", "1a", "b", "job"};
  private static final String[] LABEL_VALUES = {
    "api", "", "h:1", "caf\u00e9", "\ud83d\ude00", "0123456789x", "q\\\"", "x y"
  };
  private static final String[] VALUES = {
    "0",
    "-0",
    "1",
    "-3",
    "2.5",
    "-0.0",
    "0.1",
    "123456789012345",
    "1234567890123456789",
    "99999999999999999999",
    "1e3",
    "1.5E-2",
    "01",
    "1.",
    ".5",
    "-",
    "NaN",
    "\"1\"",
    "null",
    "0.000000000000001",
    "3.14159265358979",
    "-Infinity",
    "1e400"
  };

  /** A body from the grammar of pushes, mostly plain and valid, sometimes neither. */
  private static byte[] generated(Random r) {
    StringBuilder sb = new StringBuilder();
    sb.append(blank(r)).append('[');
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append(blank(r)).append('{');
      StringBuilder[] fields = new StringBuilder[4];
      fields[0] = field(r, "name", quoted(pick(r, NAMES, 0.8)));
      if (r.nextInt(4) != 0) {
        StringBuilder labels = new StringBuilder("{");
        int k = r.nextInt(5);
        for (int j = 0; j < k; j++) {
          labels
              .append(j == 0 ? "" : ",")
              .append(blank(r))
              .append(quoted(pick(r, LABEL_NAMES, 0.5)))
              .append(blank(r))
              .append(':')
              .append(blank(r))
              .append(quoted(pick(r, LABEL_VALUES, 0.5)));
        }
        fields[1] = field(r, "labels", labels.append(blank(r)).append('}').toString());
      }
      if (r.nextInt(12) != 0) {
        fields[2] = field(r, "value", pick(r, VALUES, 0.4));
      }
      if (r.nextBoolean()) {
        long[] offsets = {0, -1, -86_400_000, -86_400_001, 600_000, 600_001};
        String ts = r.nextInt(20) == 0 ? "1.5" : String.valueOf(NOW + offsets[r.nextInt(6)]);
        fields[3] = field(r, "timestamp", ts);
      }
      List<StringBuilder> order = new java.util.ArrayList<>(Arrays.asList(fields));
      java.util.Collections.shuffle(order, r);
      boolean first = true;
      for (StringBuilder f : order) {
        if (f != null) {
          sb.append(first ? "" : ",").append(f);
          first = false;
        }
      }
      sb.append(blank(r)).append('}');
    }
    sb.append(blank(r)).append(']').append(blank(r));
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static StringBuilder field(Random r, String name, String value) {
    return new StringBuilder(blank(r))
        .append('"')
        .append(name)
        .append('"')
        .append(blank(r))
        .append(':')
        .append(blank(r))
        .append(value)
        .append(blank(r));
  }

  /** Mostly the first entry, which is plain and valid; with probability 1 - {@code plain} any. */
  private static String pick(Random r, String[] options, double plain) {
    return r.nextDouble() < plain ? options[0] : options[r.nextInt(options.length)];
  }

  private static String quoted(String s) {
    return s.startsWith("\"") ? s : "\"" + s + "\"";
  }

  private static String blank(Random r) {
    return switch (r.nextInt(10)) {
      case 0 -> " ";
      case 1 -> "\n  ";
      case 2 -> "\t";
      default -> "";
    };
  }

  private static final List<String> TOKENS =
      List.of(
          "[",
          "]",
          "{",
          "}",
          ":",
          ",",
          "\"",
          "\\",
          " ",
          "\n",
          "\"name\"",
          "\"labels\"",
          "\"value\"",
          "\"timestamp\"",
          "\"up\"",
          "\"a\"",
          "\"__name__\"",
          "-",
          ".",
          "e",
          "0",
          "NaN",
          "null",
          "true",
          "\u00e9",
          String.valueOf(NOW));

  private static byte[] tokens(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(40);
    for (int k = 0; k < n; k++) {
      sb.append(
          r.nextInt(4) == 0
              ? String.valueOf(r.nextInt(1000))
              : TOKENS.get(r.nextInt(TOKENS.size())));
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] mutated(Random r, byte[] seed) {
    byte[] b = seed.clone();
    int mutations = 1 + r.nextInt(3);
    for (int m = 0; m < mutations && b.length > 0; m++) {
      int at = r.nextInt(b.length);
      switch (r.nextInt(4)) {
        case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
        case 1 -> b[at] = (byte) r.nextInt(256);
        case 2 -> b = Arrays.copyOf(b, at);
        default -> {
          byte[] c = new byte[b.length - 1];
          System.arraycopy(b, 0, c, 0, at);
          System.arraycopy(b, at + 1, c, at, b.length - at - 1);
          b = c;
        }
      }
    }
    return b;
  }

  private static int indexOf(byte[] b, byte c) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
