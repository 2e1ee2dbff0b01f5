package dev.alerting.ingest.influx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.ingest.sample.SampleLimits;
import dev.alerting.ingest.sample.Validation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plain path of {@link LineProtocolParser} against its careful reader: for every line, valid or
 * not, alone or among plain lines, in every precision, both must give the same verdict (the same
 * samples and skipped counts, or the same errors worded the same at the same line and column).
 */
@DisplayName("LineProtocolParser: the plain path agrees with the careful reader")
class PlainPointsTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final SampleLimits LIMITS =
      new SampleLimits(10, 3, 40, 40, Duration.ofMinutes(10), Duration.ofHours(24));

  /** One instance for all cases, so label sets cached by one case are found by the next. */
  private static final LineProtocolParser PARSER = new LineProtocolParser(LIMITS);

  static final List<String> CORPUS =
      List.of(
          // plain: read from the bytes
          "cpu value=1",
          "cpu,host=a value=1 " + NOW,
          "cpu,host=a,region=eu usage=0.5,idle=99i,up=true,flag=F,count=3u",
          "cpu,host=a usage=-0.0,idle=-7i,busy=+7i,t=t,T=T,tr=True,TR=TRUE,f=f,fa=false,FA=False",
          "cpu,host=a value=1   " + NOW + "  ",
          "cpu,host=a value=1 \t" + NOW,
          "cpu,host=a=b value=1",
          "cpu,host=\"q\" value=1",
          "cpu.load,ho-st=a value=1",
          "cpu:x,host=a value=.5",
          "1cpu value=1",
          "cpu,1host=a value=1",
          "cpu,._name__=a value=1",
          "cpu,host=a value=5.",
          "cpu value=123456789012345",
          "cpu value=9007199254740993",
          "cpu value=123456789012345678i",
          "cpu value=123456789012345678u",
          // plain shape, but the careful reader decides (or the batch refuses)
          "cpu value=1234567890123456",
          "cpu value=1e3",
          "cpu value=1234567890123456789i",
          "cpu value=12345678901234567890i",
          "cpu value=12345678901234567890u",
          "cpu value=-1u",
          "cpu value=+1u",
          "cpu value=1 -1",
          "cpu value=1 0",
          "cpu value=1 1234567890123456789",
          "cpu value=1 99999999999999999",
          "cpu value=1 " + (NOW + 3_600_000),
          "cpu,a=1,b=2,c=3,d=4 value=1",
          "cpu,a=" + "v".repeat(41) + " value=1",
          "cpu,__x=a value=1",
          "cpu,__name__=a value=1",
          "cpu,ho.st=a,ho_st=b value=1",
          "cpu,host=a,host=b value=1",
          "cpu value=1,value=2",
          "cpu a=1,b=2,a=3",
          "cpu value=\"s\"",
          "cpu value=\"s\",x=1",
          "cpu x=1,value=\"s \\\" t\"",
          "cpu value=NaN",
          "cpu value=inf",
          "cpu value=1.5.2",
          "cpu value=tRUE",
          "cpu value=yes",
          "cpu f\"=1",
          "cpu f-1=2",
          // not plain: escapes, comments, blanks, bad syntax
          "cpu\\ 1,host=a value=1",
          "cpu,host=a\\ b value=1",
          "cpu,host=a value=1\\,",
          "cpu,host= value=1",
          "cpu,=a value=1",
          "cpu, value=1",
          ",host=a value=1",
          "cpu",
          "cpu ",
          "cpu value=",
          "cpu value=1,",
          "cpu =1",
          "cpu value",
          "cpu value=1 x",
          "cpu value=1 1 2",
          "cpu\tvalue=1",
          "cpu value=1\t5",
          "cpu  value=1",
          "cpu,host=a\tb value=1",
          "# comment",
          "#",
          "  cpu value=1",
          "\tcpu value=1",
          "   ",
          "",
          "cpu,host=é value=1");

  static Stream<String> corpus() {
    return CORPUS.stream();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("corpus")
  @DisplayName("each line alone, between plain lines, with CRLF and in every precision")
  void sameVerdict(String line) {
    for (Precision precision : Precision.values()) {
      assertSame(line, precision);
    }
    assertSame(
        "cpu,host=x value=1\n" + line + "\ncpu value=2 " + NOW + "\n", Precision.MILLISECONDS);
    assertSame("cpu,host=x value=1\r\n" + line + "\r\ncpu value=2\r\n", Precision.SECONDS);
  }

  @Test
  @DisplayName("the whole corpus as one body, and past the sample limit")
  void wholeCorpus() {
    String body = String.join("\n", CORPUS);
    assertSame(body, Precision.MILLISECONDS);
    assertSame("cpu value=1\n".repeat(12), Precision.MILLISECONDS);
    assertSame("cpu value=1\n".repeat(8) + "cpu a=1,b=2,c=3\n", Precision.MILLISECONDS);
  }

  @Test
  @DisplayName("20 000 random edits of the corpus lines")
  void randomEdits() {
    Random random = new Random(13);
    String alphabet = "ab,= \t\".\\01-+eEiu#:_tTfF\r\u00e9x";
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
      assertSame(line, Precision.values()[i % Precision.values().length]);
    }
    assertSame(String.join("\n", lines.subList(0, 8)), Precision.MILLISECONDS);
  }

  @Test
  @DisplayName("a series sent again is read from the cache: the same label set, not a copy")
  void cachedSeries() {
    LineProtocolParser parser = new LineProtocolParser(LIMITS);
    byte[] body = "cpu,host=a value=1,idle=2\n".getBytes(StandardCharsets.US_ASCII);
    Validation.Valid first = (Validation.Valid) parser.parse(body, Precision.SECONDS, NOW);
    Validation.Valid second = (Validation.Valid) parser.parse(body, Precision.SECONDS, NOW);
    assertThat(second.samples().get(0).series()).isSameAs(first.samples().get(0).series());
    assertThat(second.samples().get(1).series()).isSameAs(first.samples().get(1).series());
    assertThat(second.samples().get(1).series().metricName()).isEqualTo("cpu_idle");
  }

  private static void assertSame(String body, Precision precision) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Validation careful = PARSER.parseCarefully(bytes, precision, NOW);
    assertThat(PARSER.parse(bytes, precision, NOW)).as(body).isEqualTo(careful);
    // again, now that its label sets are cached
    assertThat(PARSER.parse(bytes, precision, NOW)).as(body).isEqualTo(careful);
  }
}
