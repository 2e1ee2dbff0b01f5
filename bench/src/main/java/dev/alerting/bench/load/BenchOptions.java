package dev.alerting.bench.load;

import dev.alerting.model.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one harness run does: where the stack is (or {@code --embedded}), the load matrix (every
 * format × every batch size) and how long each scenario runs.
 *
 * @param embedded start the whole stack in this process instead of using {@code ingestUrl}/{@code
 *     kafka}
 * @param ingestUrl base URL of metrics-ingest
 * @param kafka bootstrap servers of the stack's broker
 * @param rate target samples/s of the background load; 0 pushes as fast as the server answers
 * @param series distinct series the background load cycles through
 * @param batches samples per request, one scenario each
 * @param formats {@code json} and/or {@code remote_write}, one scenario each
 * @param duration measured time per scenario
 * @param warmup unmeasured load before each scenario; the detection probe crosses during it,
 *     uncounted
 * @param concurrency requests in flight at once
 * @param detectInterval time between threshold crossings of the detection probe; zero turns it off
 * @param rawRecords records for Kafka's ProducerPerformance baseline; 0 skips it
 * @param out markdown file the result rows are appended to; null prints only
 * @param note free text put in the row (for example what else ran on the machine)
 * @param crossings CSV file that gets one line per probe crossing (its wall-clock schedule and its
 *     timings), for lining the slow ones up with GC or safepoint logs; null writes none
 * @param ingestAlone with {@code embedded}: after the full-stack scenarios, stop the rule engine,
 *     notifier and incident service and run every scenario again with only the broker and ingest
 *     (what the raw-Kafka baseline competes with), reported next to the full-stack rows
 */
public record BenchOptions(
    boolean embedded,
    String ingestUrl,
    String kafka,
    int rate,
    int series,
    List<Integer> batches,
    List<String> formats,
    Duration duration,
    Duration warmup,
    int concurrency,
    Duration detectInterval,
    int rawRecords,
    Path out,
    String note,
    Path crossings,
    boolean ingestAlone) {

  public static final String USAGE =
      """
      usage: ./alerting bench [--embedded | --ingest URL --kafka HOST:PORT] [options]
        --embedded              start Kafka and all services in this process (threshold rule included)
        --ingest URL            metrics-ingest base URL (default http://localhost:8080)
        --kafka HOST:PORT       the stack's Kafka (default localhost:9092)
        --rate N                background samples/s; 0 = as fast as possible (default 0)
        --series N              distinct background series (default 1000)
        --batch N[,N...]        samples per request (default 100)
        --format F[,F...]       json and/or remote_write (default json)
        --duration D            measured time per scenario (default 30s)
        --warmup D              unmeasured load before each scenario, probe crossings included (default 5s)
        --concurrency N         requests in flight (default 8)
        --detect-interval D     threshold crossing every D on a probe series; 0 = off (default 1s)
        --raw-records N         records for Kafka's ProducerPerformance baseline; 0 = skip (default 1000000)
        --out FILE              append result rows to this markdown file (default docs/benchmarks.md)
        --no-append             print only
        --note TEXT             note stored with the rows
        --crossings FILE        write each probe crossing's timings to this CSV file
        --ingest-alone          with --embedded: after the full-stack scenarios, stop the rule engine,
                                notifier and incident service and run each scenario again
        --help                  this text
      ./alerting bench jmh [JMH ARGS] runs the JMH benchmarks instead (ParserBenchmark, RuleEngineBenchmark).
      The external stack needs a rule `demo_queue_depth > 100` with for: 0s (deploy/rules.yml has one).""";

  /** Parses command-line arguments; throws IllegalArgumentException with a readable message. */
  public static BenchOptions parse(String[] args) {
    boolean embedded = false;
    String ingest = "http://localhost:8080";
    String kafka = "localhost:9092";
    int rate = 0;
    int series = 1000;
    List<Integer> batches = List.of(100);
    List<String> formats = List.of("json");
    Duration duration = Duration.ofSeconds(30);
    Duration warmup = Duration.ofSeconds(5);
    int concurrency = 8;
    Duration detect = Duration.ofSeconds(1);
    int raw = 1_000_000;
    Path out = Path.of("docs/benchmarks.md");
    String note = "";
    Path crossings = null;
    boolean ingestAlone = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--embedded" -> embedded = true;
        case "--no-append" -> out = null;
        case "--ingest" -> ingest = value(args, ++i, a);
        case "--kafka" -> kafka = value(args, ++i, a);
        case "--rate" -> rate = number(args, ++i, a, 0);
        case "--series" -> series = number(args, ++i, a, 1);
        case "--batch" ->
            batches =
                Arrays.stream(value(args, ++i, a).split(",")).map(b -> positive(b, a)).toList();
        case "--format" -> formats = formats(value(args, ++i, a));
        case "--duration" -> duration = duration(args, ++i, a);
        case "--warmup" -> warmup = duration(args, ++i, a);
        case "--concurrency" -> concurrency = number(args, ++i, a, 1);
        case "--detect-interval" -> detect = duration(args, ++i, a);
        case "--raw-records" -> raw = number(args, ++i, a, 0);
        case "--out" -> out = Path.of(value(args, ++i, a));
        case "--note" -> note = value(args, ++i, a);
        case "--crossings" -> crossings = Path.of(value(args, ++i, a));
        case "--ingest-alone" -> ingestAlone = true;
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (ingestAlone && !embedded) {
      throw new IllegalArgumentException("--ingest-alone needs --embedded (it stops services)");
    }
    if (duration.isZero()) {
      throw new IllegalArgumentException("--duration must be positive");
    }
    return new BenchOptions(
        embedded,
        ingest.replaceAll("/+$", ""),
        kafka,
        rate,
        series,
        batches,
        formats,
        duration,
        warmup,
        concurrency,
        detect,
        raw,
        out,
        note,
        crossings,
        ingestAlone);
  }

  private static List<String> formats(String list) {
    List<String> formats = new ArrayList<>();
    for (String f : list.split(",")) {
      if (!f.equals("json") && !f.equals("remote_write")) {
        throw new IllegalArgumentException("--format must be json or remote_write, got " + f);
      }
      formats.add(f);
    }
    return formats;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int number(String[] args, int i, String option, int min) {
    String v = value(args, i, option);
    try {
      int n = Integer.parseInt(v.replace("_", ""));
      if (n < min) {
        throw new IllegalArgumentException(option + " must be at least " + min + ", got " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a number, got " + v);
    }
  }

  private static int positive(String v, String option) {
    return number(new String[] {v}, 0, option, 1);
  }

  private static Duration duration(String[] args, int i, String option) {
    String v = value(args, i, option);
    if (v.equals("0")) {
      return Duration.ZERO;
    }
    try {
      return Durations.parse(v);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(option + " must be a duration like 30s or 2m, got " + v);
    }
  }
}
