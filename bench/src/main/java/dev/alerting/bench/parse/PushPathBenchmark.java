package dev.alerting.bench.parse;

import dev.alerting.bench.load.Payloads;
import dev.alerting.ingest.IngestConfig;
import dev.alerting.ingest.remotewrite.RemoteWriteParser;
import dev.alerting.ingest.sample.SampleLimits;
import dev.alerting.ingest.sample.SampleValidator;
import dev.alerting.ingest.sample.Validation;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.SampleRecords;
import dev.alerting.platform.config.Settings;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ingest's CPU work for one push of {@value ParserBenchmark#SAMPLES} samples, from the request
 * body's bytes to the {@code metrics.samples} record values (what runs on the worker threads
 * between the HTTP read and Kafka's {@code send}): JSON ({@code POST /api/v1/samples}) and
 * remote_write 1.0 with the bodies the load harness sends ({@link Payloads}, the series of {@link
 * ParserBenchmark}). Scores are samples/s; {@code -prof gc} gives allocation per sample, record
 * values included. {@link PushPathCpu} measures the same work in CPU time per sample.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PushPathBenchmark {
  /** The samples topic's default partition count ({@code KAFKA_TOPIC_PARTITIONS}). */
  @Param({"3"})
  public int partitions;

  private PushPath json;
  private PushPath remoteWrite;

  @Setup
  public void setUp() {
    json = PushPath.json();
    remoteWrite = PushPath.remoteWrite();
  }

  @Benchmark
  @OperationsPerInvocation(ParserBenchmark.SAMPLES)
  public byte[][] json() {
    return json.push(partitions);
  }

  @Benchmark
  @OperationsPerInvocation(ParserBenchmark.SAMPLES)
  public byte[][] remoteWrite() {
    return remoteWrite.push(partitions);
  }

  /** One format's body and reader: {@link #push} is body to record values. */
  static final class PushPath {
    /** The service's default limits, from the one place they are defined. */
    private static final SampleLimits LIMITS =
        IngestConfig.from(Settings.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", "unused:9092"))).limits();

    private final String name;
    private final byte[] body;
    private final Reader reader;
    private final Builder builder;
    private final long now = System.currentTimeMillis();
    private long request;

    @FunctionalInterface
    interface Reader {
      Validation read(byte[] body, long now);
    }

    /** How the load harness's client builds a body ({@link Payloads}). */
    @FunctionalInterface
    interface Builder {
      Buffer build(long request, long now);
    }

    private PushPath(String name, Builder builder, Reader reader) {
      this.name = name;
      this.body = builder.build(0, now).getBytes();
      this.builder = builder;
      this.reader = reader;
    }

    static PushPath json() {
      Payloads payloads = new Payloads(ParserBenchmark.SAMPLES, ParserBenchmark.SAMPLES);
      SampleValidator validator = new SampleValidator(LIMITS);
      return new PushPath("json", payloads::json, validator::validate);
    }

    static PushPath remoteWrite() {
      Payloads payloads = new Payloads(ParserBenchmark.SAMPLES, ParserBenchmark.SAMPLES);
      RemoteWriteParser parser = new RemoteWriteParser(LIMITS, 10 * 1024 * 1024);
      return new PushPath("remote_write", payloads::remoteWrite, parser::parse);
    }

    String name() {
      return name;
    }

    int bodyBytes() {
      return body.length;
    }

    /** A body as the load harness's client builds it, for the next request number. */
    Buffer build() {
      return builder.build(++request, now);
    }

    /** The body's samples, validated. */
    List<Sample> read() {
      Validation v = reader.read(body, now);
      if (!(v instanceof Validation.Valid valid)
          || valid.samples().size() != ParserBenchmark.SAMPLES) {
        throw new IllegalStateException(name + " body not read as valid samples: " + v);
      }
      return valid.samples();
    }

    /** The body's samples as record values, one per partition. */
    byte[][] push(int partitions) {
      return SampleRecords.byPartition(read(), partitions);
    }
  }
}
