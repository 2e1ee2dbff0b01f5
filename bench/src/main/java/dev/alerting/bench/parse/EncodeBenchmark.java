package dev.alerting.bench.parse;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.SampleRecords;
import java.util.ArrayList;
import java.util.List;
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
 * The ingest's last step before Kafka: the {@value ParserBenchmark#SAMPLES} samples of one push
 * (the series of {@link ParserBenchmark}) encoded as one {@code metrics.samples} record value per
 * partition ({@link SampleRecords#byPartition}). Scores are samples/s; run with {@code -prof gc}
 * for allocation per sample, which includes the record values themselves (~40 B per sample).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EncodeBenchmark {
  /** The samples topic's default partition count ({@code KAFKA_TOPIC_PARTITIONS}), and one. */
  @Param({"3", "1"})
  public int partitions;

  private List<Sample> samples;

  @Setup
  public void setUp() {
    long now = System.currentTimeMillis();
    samples = new ArrayList<>();
    for (int s = 0; s < ParserBenchmark.SAMPLES; s++) {
      Labels series =
          Labels.of(
              Labels.METRIC_NAME,
              "bench_load",
              "job",
              "bench",
              "instance",
              "host-" + (s % 100) + ":9100",
              "series",
              String.valueOf(s));
      samples.add(new Sample(series, s, now));
    }
  }

  @Benchmark
  @OperationsPerInvocation(ParserBenchmark.SAMPLES)
  public byte[][] byPartition() {
    return SampleRecords.byPartition(samples, partitions);
  }
}
