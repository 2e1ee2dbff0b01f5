package dev.alerting.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.ingest.exposition.GroupingKey;
import dev.alerting.ingest.exposition.TextParser;
import dev.alerting.ingest.influx.LineProtocolParser;
import dev.alerting.ingest.influx.Precision;
import dev.alerting.ingest.remotewrite.RemoteWriteParser;
import dev.alerting.ingest.sample.FormatException;
import dev.alerting.ingest.sample.SampleLimits;
import dev.alerting.ingest.sample.Validation;
import dev.alerting.testkit.HistogramEncoder;
import dev.alerting.testkit.RequestV2Encoder;
import dev.alerting.testkit.WriteRequestEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Throws random and mutated bodies at each pure parser (20 000 each in the normal build, {@code
 * -Dfuzz.rounds=N} for the long run, README "Fuzzing"): every one must end in a verdict (or, for
 * the path parser, a {@link FormatException}), never in any other exception.
 */
@DisplayName("the format parsers under random and mutated input")
class ParserFuzzTest {
  private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 20_000);
  private static final long NOW = 1_700_000_000_000L;
  private static final SampleLimits LIMITS =
      new SampleLimits(1000, 16, 128, 256, Duration.ofMinutes(10), Duration.ofHours(24));
  private static final long SEED = Long.getLong("fuzz.seed", 20_240_601L);

  private static final List<String> TEXT_SEEDS =
      List.of(
          "# HELP up Whether up.\n# TYPE up gauge\nup{job=\"a\",instance=\"b:1\"} 1 " + NOW + "\n",
          "x_bucket{le=\"+Inf\"} 3\nx_sum 1.5e3\nx_count 3\ny{a=\"\\\\\\\"\\n\"} NaN\nz -Inf\n",
          "m{a=\"1\",} +Inf " + (NOW - 5) + "\r\n# comment\n\n");
  private static final List<String> INFLUX_SEEDS =
      List.of(
          "cpu,host=a,region=eu value=0.5,idle=90i,ok=t,s=\"x y\" " + NOW + "000000\n",
          "my\\ m,t\\=k=v\\,w f=1u,g=-2.5e3 " + NOW + "\n# c\n\nm value=1\n");
  private static final List<String> TOKENS =
      List.of(
          "{",
          "}",
          "=",
          "\"",
          "\\",
          ",",
          " ",
          "\n",
          "#",
          "NaN",
          "+Inf",
          "i",
          "u",
          "e",
          "-",
          ".",
          "9",
          "__name__",
          "# TYPE ",
          "# HELP ",
          "\t",
          "\r",
          "t",
          "\u00e9",
          "\ud83d\ude00");

  @Test
  @DisplayName("the text exposition parser returns a verdict for every body")
  void textParser() {
    TextParser parser = new TextParser(LIMITS);
    fuzz("text", seeds(TEXT_SEEDS), body -> parser.parse(body, Map.of("job", "j"), NOW));
  }

  @Test
  @DisplayName("the Influx line protocol parser returns a verdict for every body")
  void influxParser() {
    LineProtocolParser parser = new LineProtocolParser(LIMITS);
    Precision[] precisions = Precision.values();
    fuzz(
        "influx",
        seeds(INFLUX_SEEDS),
        body -> parser.parse(body, precisions[body.length % 4], NOW));
  }

  @Test
  @DisplayName(
      "the remote_write parser returns a verdict for every snappy body and every protobuf inside one")
  void remoteWriteParser() {
    RemoteWriteParser parser = new RemoteWriteParser(LIMITS, 64 * 1024);
    byte[] proto =
        new WriteRequestEncoder()
            .series(
                Map.of("__name__", "up", "job", "a", "instance", "b:1"),
                1,
                NOW,
                Double.NaN,
                NOW - 1)
            .series(Map.of("__name__", "temp", "room", "x"), -3.5, NOW)
            .raw(3, new byte[] {0x08, 0x01, 0x12, 0x02, 'u', 'p'})
            .histogramSeries(Map.of("__name__", "h"), integerHistogram(), floatHistogram())
            .proto();
    // mutate the snappy stream itself, and the protobuf under a valid snappy stream
    fuzz(
        "remote_write snappy",
        List.of(WriteRequestEncoder.snappy(proto)),
        body -> parser.parse(body, NOW));
    fuzz(
        "remote_write protobuf",
        List.of(proto),
        body -> parser.parse(WriteRequestEncoder.snappy(body), NOW));
  }

  @Test
  @DisplayName("the remote write 2.0 parser returns a verdict for every protobuf inside snappy")
  void remoteWriteV2Parser() {
    RemoteWriteParser parser = new RemoteWriteParser(LIMITS, 64 * 1024);
    byte[] proto =
        new RequestV2Encoder()
            .series(Map.of("__name__", "up", "job", "a"), new double[] {1, NOW, Double.NaN, NOW})
            .series(Map.of("__name__", "h"), new double[0], integerHistogram(), floatHistogram())
            .proto();
    fuzz(
        "remote_write 2.0 protobuf",
        List.of(proto),
        body -> parser.parseV2(WriteRequestEncoder.snappy(body), NOW));
  }

  private static HistogramEncoder integerHistogram() {
    return HistogramEncoder.integer(6, 8.5, 0)
        .zero(0.001, 1)
        .positive(new int[] {1, 2}, 2, 1)
        .negative(new int[] {-3, 1}, 0)
        .timestamp(NOW);
  }

  private static HistogramEncoder floatHistogram() {
    return HistogramEncoder.floats(2.5, Double.NaN, -53)
        .positive(new int[] {0, 1, 1, 1}, 1, 1.5)
        .customValues(0.1, 1)
        .resetHint(3)
        .timestamp(NOW);
  }

  @Test
  @DisplayName("the Pushgateway path parser throws nothing but FormatException")
  void groupingKey() {
    Random random = new Random(SEED);
    List<String> parts =
        List.of("job", "/", "@base64", "=", "%", "%2F", "%zz", "a", "_", "__x", "L3Zh", "!", "é");
    for (int i = 0; i < ROUNDS; i++) {
      StringBuilder sb = new StringBuilder(random.nextBoolean() ? "job/" : "");
      int n = random.nextInt(12);
      for (int k = 0; k < n; k++) {
        sb.append(parts.get(random.nextInt(parts.size())));
      }
      String path = sb.toString();
      try {
        assertThat(GroupingKey.parse(path)).containsKey("job");
      } catch (FormatException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      } catch (RuntimeException e) {
        throw new AssertionError("path \"" + path + "\" threw " + e, e);
      }
    }
  }

  private static List<byte[]> seeds(List<String> texts) {
    return texts.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
  }

  /** Half the rounds are random bytes or tokens, half are mutations of a seed. */
  private static void fuzz(String what, List<byte[]> seeds, Function<byte[], Validation> parse) {
    Random random = new Random(SEED ^ what.hashCode());
    long start = System.nanoTime();
    int verdicts = 0;
    for (int i = 0; i < ROUNDS; i++) {
      byte[] body =
          switch (i % 4) {
            case 0 -> randomBytes(random);
            case 1 -> randomTokens(random);
            default -> mutate(random, seeds.get(random.nextInt(seeds.size())));
          };
      Validation v;
      try {
        v = parse.apply(body);
      } catch (RuntimeException e) {
        throw new AssertionError(
            what + " threw " + e + " on body " + HexFormat.of().formatHex(body), e);
      }
      assertThat(v).as(what).isNotNull();
      verdicts++;
    }
    assertThat(verdicts).isEqualTo(ROUNDS);
    System.out.printf(
        "FUZZ %s: %d inputs, %.0f inputs/s%n",
        what, ROUNDS, ROUNDS * 1e9 / (System.nanoTime() - start));
  }

  private static byte[] randomBytes(Random random) {
    byte[] b = new byte[random.nextInt(256)];
    random.nextBytes(b);
    return b;
  }

  private static byte[] randomTokens(Random random) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(40);
    for (int k = 0; k < n; k++) {
      sb.append(
          random.nextInt(3) == 0
              ? String.valueOf(random.nextInt(1000))
              : TOKENS.get(random.nextInt(TOKENS.size())));
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] mutate(Random random, byte[] seed) {
    byte[] b = seed.clone();
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations && b.length > 0; m++) {
      int at = random.nextInt(b.length);
      switch (random.nextInt(6)) {
        case 0 -> b[at] ^= (byte) (1 << random.nextInt(8)); // bit flip
        case 1 -> b[at] = (byte) random.nextInt(256); // byte replace
        case 2 -> b = Arrays.copyOf(b, at); // truncate
        case 3 -> { // delete one byte
          byte[] c = new byte[b.length - 1];
          System.arraycopy(b, 0, c, 0, at);
          System.arraycopy(b, at + 1, c, at, b.length - at - 1);
          b = c;
        }
        case 4 -> { // insert a byte
          byte[] c = new byte[b.length + 1];
          System.arraycopy(b, 0, c, 0, at);
          c[at] = (byte) random.nextInt(256);
          System.arraycopy(b, at, c, at + 1, b.length - at);
          b = c;
        }
        default -> { // duplicate a slice (repeats fields, lines, lengths)
          int len = Math.min(b.length - at, 1 + random.nextInt(16));
          byte[] c = new byte[b.length + len];
          System.arraycopy(b, 0, c, 0, at + len);
          System.arraycopy(b, at, c, at + len, b.length - at);
          b = c;
        }
      }
    }
    return b;
  }
}
