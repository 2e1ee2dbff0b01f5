package dev.alerting.bench.parse;

import dev.alerting.bench.load.Payloads;
import dev.alerting.ingest.IngestConfig;
import dev.alerting.ingest.exposition.TextParser;
import dev.alerting.ingest.influx.LineProtocolParser;
import dev.alerting.ingest.influx.Precision;
import dev.alerting.ingest.remotewrite.RemoteWriteParser;
import dev.alerting.ingest.sample.SampleLimits;
import dev.alerting.ingest.sample.SampleValidator;
import dev.alerting.ingest.sample.Validation;
import dev.alerting.platform.config.Settings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Each ingest parser reading one request body of {@link #SAMPLES} samples of the same series shape
 * (name + 3 labels), validation included. Scores are samples/s ({@code @OperationsPerInvocation});
 * run with {@code -prof gc} for allocation per sample ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParserBenchmark {
  static final int SAMPLES = 1000;

  /** The service's default limits, from the one place they are defined. */
  private final SampleLimits limits =
      IngestConfig.from(Settings.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", "unused:9092"))).limits();

  private SampleValidator json;
  private RemoteWriteParser remoteWrite;
  private TextParser text;
  private LineProtocolParser influx;
  private byte[] jsonBody;
  private byte[] remoteWriteBody;
  private byte[] textBody;
  private byte[] influxBody;
  private long now;

  @Setup
  public void setUp() {
    now = System.currentTimeMillis();
    Payloads payloads = new Payloads(SAMPLES, SAMPLES);
    jsonBody = payloads.json(0, now).getBytes();
    remoteWriteBody = payloads.remoteWrite(0, now).getBytes();
    StringBuilder t = new StringBuilder("# TYPE bench_load gauge\n");
    StringBuilder l = new StringBuilder();
    for (int s = 0; s < SAMPLES; s++) {
      t.append("bench_load{job=\"bench\",instance=\"host-")
          .append(s % 100)
          .append(":9100\",series=\"")
          .append(s)
          .append("\"} ")
          .append(s)
          .append(' ')
          .append(now)
          .append('\n');
      l.append("bench_load,job=bench,instance=host-")
          .append(s % 100)
          .append(":9100,series=")
          .append(s)
          .append(" value=")
          .append(s)
          .append(' ')
          .append(now)
          .append('\n');
    }
    textBody = t.toString().getBytes(StandardCharsets.UTF_8);
    influxBody = l.toString().getBytes(StandardCharsets.UTF_8);
    json = new SampleValidator(limits);
    remoteWrite = new RemoteWriteParser(limits, 10 * 1024 * 1024);
    text = new TextParser(limits);
    influx = new LineProtocolParser(limits);
    for (Validation v : new Validation[] {jsonValidator(), remoteWrite(), text(), influx()}) {
      if (!(v instanceof Validation.Valid valid) || valid.samples().size() != SAMPLES) {
        throw new IllegalStateException(
            "benchmark body not read as " + SAMPLES + " valid samples: " + v);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public Validation jsonValidator() {
    return json.validate(jsonBody, now);
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public Validation remoteWrite() {
    return remoteWrite.parse(remoteWriteBody, now);
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public Validation text() {
    return text.parse(textBody, Map.of(), now);
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public Validation influx() {
    return influx.parse(influxBody, Precision.MILLISECONDS, now);
  }
}
