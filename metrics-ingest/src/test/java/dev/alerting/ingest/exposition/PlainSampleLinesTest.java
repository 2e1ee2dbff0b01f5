package dev.alerting.ingest.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.ingest.sample.SampleLimits;
import dev.alerting.ingest.sample.Validation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plain path of {@link TextParser} against its careful reader: for every line, valid or not,
 * alone or among plain lines, with and without overrides, both must give the same verdict (the same
 * samples, or the same errors worded the same at the same line and column).
 */
@DisplayName("TextParser: the plain path agrees with the careful reader")
class PlainSampleLinesTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final SampleLimits LIMITS =
      new SampleLimits(20, 3, 40, 40, Duration.ofMinutes(10), Duration.ofHours(24));

  /** One instance for all cases, so label sets cached by one case are found by the next. */
  private static final TextParser PARSER = new TextParser(LIMITS);

  static final List<String> CORPUS =
      List.of(
          // plain: read from the bytes
          "m 1",
          "m{a=\"b\"} 1",
          "m{a=\"b\",} 2 " + NOW,
          "m{a=\"b\",c=\"d\"} -1.5 " + (NOW - 1),
          "m:sub{} 0.000000000000001",
          "m{a=\"}\"} 3",
          "m{a=\"{,=\"} 3",
          "m{a=\"\"} 1",
          "m{a=\"b\"}  \t 7   \t",
          "m{a=\"b\"} 7 " + NOW + " \t ",
          "m -0",
          "m +5",
          "m .5",
          "m 5.",
          "m -0.0",
          "m 123456789012345",
          "m 0.1",
          "m 9007199254740993",
          "_m 1",
          // plain shape, but the careful reader decides (or the batch refuses)
          "m 1234567890123456",
          "m 1e3",
          "m 1E-3",
          "m NaN",
          "m +Inf",
          "m -inf",
          "m Infinity",
          "m 1 -5",
          "m 1 0",
          "m 1 " + (NOW + 3_600_000),
          "m 1 " + (NOW - 3 * 86_400_000L),
          "m 1 1234567890123456789",
          "m 1 99999999999999999999",
          "m 1 +" + NOW,
          "m{a=\"b\",c=\"d\",e=\"f\",g=\"h\"} 1",
          "m{a=\"" + "v".repeat(41) + "\"} 1",
          "m{" + "l".repeat(41) + "=\"v\"} 1",
          "m" + "x".repeat(40) + " 1",
          "m{a=\"\\t\"} 1",
          // not plain: escapes, comments, blanks, bad syntax
          "m{a=\"b\\\"c\"} 1",
          "m{a=\"b\\n\"} 1",
          "m{a=\"b\\\\\"} 1",
          "m{a=\"b\\x\"} 1",
          "m{__name__=\"x\"} 1",
          "m{__a=\"x\"} 1",
          "m{a=\"b\",a=\"c\"} 1",
          "m{a=\"b\" } 1",
          "m{ a=\"b\"} 1",
          "m{a = \"b\"} 1",
          "m{a=\"b\"}1",
          "m{a=\"b\"",
          "m{a=\"b} 1",
          "m{a=b} 1",
          "m{,} 1",
          "m{1a=\"b\"} 1",
          "m{a=\"b\"},x 1",
          "m{a=\"b\"}{c=\"d\"} 1",
          "1m 1",
          "m",
          "m ",
          "m x",
          "m 1 x",
          "m 1 2 3",
          "m\t1",
          "m 1\t",
          ":m 1",
          "m 0x10",
          "m 1_000",
          "m 1d",
          "m 1.2.3",
          "m .",
          "m -",
          "m-x 1",
          "# TYPE m gauge",
          "# TYPE m bogus",
          "# HELP m some help",
          "# HELP",
          "#",
          "# just a comment",
          "  m 1",
          "\tm 1",
          "   ",
          "",
          "m{a=\"é\"} 1",
          "m{a=\"zürich\",b=\"東京-\uD83D\uDE80\"} 1",
          "m{a=\"" + "é".repeat(30) + "\"} 1",
          "m{a=\"" + "é".repeat(41) + "\"} 1",
          "m{é=\"x\"} 1",
          "mé 1",
          "m{a=\"b\"} 1é");

  static Stream<String> corpus() {
    return CORPUS.stream();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("corpus")
  @DisplayName("each line alone, between plain lines, with overrides and with CRLF")
  void sameVerdict(String line) {
    assertSame(line);
    assertSame("m{a=\"x\"} 1\n" + line + "\nm 2 " + NOW + "\n");
    assertSame("m{a=\"x\"} 1\r\n" + line + "\r\nm 2\r\n");
    assertSame(line + "\n" + line, Map.of("job", "j"));
    assertSame(line + "\n" + line, Map.of("a", "o", "zz", ""));
  }

  @Test
  @DisplayName("the whole corpus as one body, and past the sample limit")
  void wholeCorpus() {
    String body = String.join("\n", CORPUS);
    assertSame(body);
    assertSame("m 1\n".repeat(25));
    assertSame(body.replace("é", "e"));
  }

  @Test
  @DisplayName("20 000 random edits of the corpus lines")
  void randomEdits() {
    Random random = new Random(13);
    String alphabet = "ab{}=\",\\ \t.01-+eE#:_\rnéxIN";
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder(CORPUS.get(random.nextInt(CORPUS.size())));
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        int at = sb.length() == 0 ? 0 : random.nextInt(sb.length());
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> sb.insert(at, c);
          case 1 -> {
            if (sb.length() > 0) {
              sb.setCharAt(at, c);
            }
          }
          default -> {
            if (sb.length() > 0) {
              sb.deleteCharAt(at);
            }
          }
        }
      }
      String line = sb.toString();
      lines.add(line);
      assertSame(line);
    }
    assertSame(String.join("\n", lines.subList(0, 15)));
  }

  @Test
  @DisplayName("a body that is not UTF-8 is malformed, wherever the bad byte is")
  void notUtf8() {
    byte[][] bodies = {
      {'m', ' ', '1', '\n', 'm', '{', 'a', '=', '"', (byte) 0xc3, '"', '}', ' ', '1'},
      {'m', ' ', '1', ' ', (byte) 0xff},
      {'#', ' ', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '\n', 'm', ' ', '1'},
    };
    for (byte[] body : bodies) {
      assertThat(PARSER.parse(body, Map.of(), NOW))
          .isEqualTo(new Validation.Malformed("the body is not valid UTF-8"))
          .isEqualTo(PARSER.parseCarefully(body, Map.of(), NOW));
    }
  }

  @Test
  @DisplayName("a series sent again is read from the cache: the same label set, not a copy")
  void cachedSeries() {
    TextParser parser = new TextParser(LIMITS);
    byte[] body = "m{a=\"zürich\"} 1\n".getBytes(StandardCharsets.UTF_8);
    Validation.Valid first = (Validation.Valid) parser.parse(body, Map.of(), NOW);
    Validation.Valid second = (Validation.Valid) parser.parse(body, Map.of(), NOW);
    assertThat(second.samples().get(0).series()).isSameAs(first.samples().get(0).series());
    Validation.Valid other = (Validation.Valid) parser.parse(body, Map.of("a", "o"), NOW);
    assertThat(other.samples().get(0).series().get("a")).isEqualTo("o");
  }

  private static void assertSame(String body) {
    assertSame(body, Map.of());
  }

  private static void assertSame(String body, Map<String, String> overrides) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Validation careful = PARSER.parseCarefully(bytes, overrides, NOW);
    assertThat(PARSER.parse(bytes, overrides, NOW)).as(body).isEqualTo(careful);
    // again, now that its label sets are cached
    assertThat(PARSER.parse(bytes, overrides, NOW)).as(body).isEqualTo(careful);
  }
}
