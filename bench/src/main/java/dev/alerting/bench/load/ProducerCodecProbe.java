package dev.alerting.bench.load;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import dev.alerting.ingest.push.SampleWriter;
import dev.alerting.launcher.broker.KafkaBroker;
import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.SampleRecords;
import dev.alerting.platform.kafka.KafkaSettings;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What each Kafka compression codec costs the ingest producer: the ingest's own producer settings
 * ({@link SampleWriter#producerSettings}: linger 0, 256 KiB batches, acks=all, idempotent) on an
 * embedded broker, sending the records the ingest writes for pushes of 100 samples of the bench's
 * {@code bench_load} series (one protobuf {@code WriteRequest} per partition and push), at most
 * eight sends in flight. Per codec it prints the bytes the sending thread allocated per send (the
 * ingest sends from its worker threads, where Kafka opens each batch and its compressor), the
 * process's CPU time per send (client and broker, which decompresses to validate), and the bytes on
 * disk per sample. Load-independent apart from CPU time.
 *
 * <p>Usage: {@code ProducerCodecProbe SENDS CODEC[,CODEC...]}, e.g. {@code 20000
 * lz4,snappy,zstd,none}.
 */
public final class ProducerCodecProbe {
  private static final int PARTITIONS = 3;
  private static final int BATCH = 100;
  private static final int SERIES = 1000;

  private ProducerCodecProbe() {}

  public static void main(String[] args) throws Exception {
    int sends = Integer.parseInt(args[0]);
    String[] codecs = args[1].split(",");
    List<byte[][]> pushes = pushes(64);
    try (KafkaBroker broker = KafkaBroker.start(0, Files.createTempDirectory("codec-probe"));
        Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      List<NewTopic> topics = new ArrayList<>();
      for (String codec : codecs) {
        for (int round = 0; round < 2; round++) {
          topics.add(new NewTopic(topic(codec, round), PARTITIONS, (short) 1));
        }
      }
      admin.createTopics(topics).all().get();
      ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
      OperatingSystemMXBean os =
          (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      System.out.println("codec  | B allocated per send | CPU µs per send | B on disk per sample");
      // round 0 warms the JIT and the codec's classes up; round 1 is printed
      for (int round = 0; round < 2; round++) {
        for (String codec : codecs) {
          Map<String, String> settings =
              new HashMap<>(
                  SampleWriter.producerSettings(
                      new KafkaSettings(broker.bootstrapServers(), PARTITIONS, (short) 1)
                          .producer("codec-probe"),
                      Duration.ofSeconds(10)));
          settings.put("compression.type", codec);
          settings.remove("key.serializer");
          settings.remove("value.serializer");
          Map<String, Object> props = new HashMap<>(settings);
          String topic = topic(codec, round);
          long records = 0;
          long allocated;
          long cpu;
          try (KafkaProducer<byte[], byte[]> producer =
              new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(topic);
            Semaphore inFlight = new Semaphore(8);
            long thread = Thread.currentThread().getId();
            long cpu0 = os.getProcessCpuTime();
            long allocated0 = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < sends; i++) {
              byte[][] push = pushes.get(i % pushes.size());
              for (int p = 0; p < PARTITIONS; p++) {
                if (push[p] != null) {
                  inFlight.acquire();
                  records++;
                  producer.send(
                      new ProducerRecord<>(topic, p, null, push[p]), (m, e) -> inFlight.release());
                }
              }
            }
            producer.flush();
            allocated = threads.getThreadAllocatedBytes(thread) - allocated0;
            cpu = os.getProcessCpuTime() - cpu0;
          }
          long disk = diskBytes(admin, topic);
          if (round == 1) {
            System.out.printf(
                "%-6s | %,.0f | %.1f | %.2f%n",
                codec,
                (double) allocated / records,
                cpu / 1e3 / records,
                (double) disk / ((long) sends * BATCH));
          }
        }
      }
    }
    System.exit(0);
  }

  private static String topic(String codec, int round) {
    return "codec-probe-" + codec + "-" + round;
  }

  /** {@code count} pushes of {@link #BATCH} samples, as the ingest encodes them per partition. */
  private static List<byte[][]> pushes(int count) {
    List<byte[][]> pushes = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (int n = 0; n < count; n++) {
      List<Sample> samples = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        int series = (n * BATCH + i) % SERIES;
        samples.add(
            new Sample(
                Labels.of(
                    "__name__",
                    Payloads.METRIC,
                    "instance",
                    "host-" + (series % 100) + ":9100",
                    "job",
                    "bench",
                    "series",
                    Integer.toString(series)),
                (n * 7 + i * 13) % 1000,
                now + n * 15));
      }
      pushes.add(SampleRecords.byPartition(samples, PARTITIONS));
    }
    return pushes;
  }

  private static long diskBytes(Admin admin, String topic) throws Exception {
    long bytes = 0;
    for (var dir : admin.describeLogDirs(List.of(1)).allDescriptions().get().get(1).values()) {
      for (Map.Entry<TopicPartition, ReplicaInfo> e : dir.replicaInfos().entrySet()) {
        if (e.getKey().topic().equals(topic)) {
          bytes += e.getValue().size();
        }
      }
    }
    return bytes;
  }
}
