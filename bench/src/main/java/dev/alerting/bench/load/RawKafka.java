package dev.alerting.bench.load;

import dev.alerting.ingest.IngestConfig;
import dev.alerting.ingest.push.SampleWriter;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.kafka.KafkaSecurity;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * The raw-Kafka baseline on the same broker: Kafka's own {@code ProducerPerformance}, run in this
 * process on a scratch topic with as many partitions as {@code metrics.samples}, with the ingest
 * producer's settings (taken from {@link SampleWriter}: acks=all, idempotent, its compression
 * (snappy unless {@code INGEST_KAFKA_COMPRESSION} says otherwise), linger 0, 256 KiB batches) and
 * 100-byte records (ProducerPerformance's {@code --record-size}: random capital letters), the
 * baseline issue 13 measures ingest against. Records carry no key.
 */
public final class RawKafka {
  private static final String TOPIC = "bench.raw-producer";
  private static final String BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";
  private static final Pattern TOTAL =
      Pattern.compile(
          "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency");

  private RawKafka() {}

  /** Result of one ProducerPerformance run, as it printed it. */
  public record Result(
      long records,
      double recordsPerSecond,
      double megabytesPerSecond,
      double avgLatencyMillis,
      double recordBytes,
      String line) {}

  /** The size of every baseline record. */
  static final int RECORD_BYTES = 100;

  /**
   * The ingest producer's settings ({@link SampleWriter#producerSettings}, from this process's
   * environment as the ingest would read it) as ProducerPerformance's {@code key=value} arguments,
   * without the serializers (ProducerPerformance sends byte arrays) and with the baseline's client
   * id.
   */
  static List<String> producerProperties(String kafka) {
    IngestConfig ingest =
        IngestConfig.from(Settings.fromEnvironment().with(Map.of(BOOTSTRAP, kafka)));
    Map<String, String> props =
        new TreeMap<>(
            SampleWriter.producerSettings(
                ingest.producerConfig("bench-producer-performance"), ingest.ackTimeout()));
    props.remove("key.serializer");
    props.remove("value.serializer");
    List<String> out = new ArrayList<>();
    props.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  public static Result run(String kafka, int partitions, int records) throws Exception {
    KafkaSecurity security = BenchKafka.fromEnvironment();
    try (Admin admin =
        Admin.create(BenchKafka.client(security, kafka, "bench-raw-admin", Map.of()))) {
      recreate(admin, partitions);
      List<String> args = new ArrayList<>();
      Collections.addAll(
          args,
          "--topic",
          TOPIC,
          "--num-records",
          String.valueOf(records),
          "--throughput",
          "-1",
          "--record-size",
          String.valueOf(RECORD_BYTES),
          "--producer-props");
      args.addAll(producerProperties(kafka));
      String out = captureStdout(() -> ProducerPerformance.main(args.toArray(String[]::new)));
      Matcher m = TOTAL.matcher(out);
      String last = null;
      Result result = null;
      while (m.find()) {
        last = m.group();
        result =
            new Result(
                Long.parseLong(m.group(1)),
                Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)),
                Double.parseDouble(m.group(4)),
                RECORD_BYTES,
                last);
      }
      if (result == null) {
        throw new IllegalStateException("ProducerPerformance printed no total:\n" + out);
      }
      admin.deleteTopics(List.of(TOPIC)).all().get();
      return result;
    }
  }

  private static void recreate(Admin admin, int partitions)
      throws InterruptedException, ExecutionException {
    if (admin.listTopics().names().get().contains(TOPIC)) {
      admin.deleteTopics(List.of(TOPIC)).all().get();
      while (admin.listTopics().names().get().contains(TOPIC)) {
        Thread.sleep(100);
      }
    }
    admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
  }

  /** A body that may throw. */
  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }

  /** ProducerPerformance prints its results; keep them and echo them. */
  private static String captureStdout(Body body) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    PrintStream tee =
        new PrintStream(
            new OutputStream() {
              @Override
              public void write(int b) {
                copy.write(b);
                original.write(b);
              }

              @Override
              public void write(byte[] b, int off, int len) {
                copy.write(b, off, len);
                original.write(b, off, len);
              }
            },
            true,
            StandardCharsets.UTF_8);
    System.setOut(tee);
    try {
      body.run();
    } finally {
      System.setOut(original);
    }
    return copy.toString(StandardCharsets.UTF_8);
  }
}
