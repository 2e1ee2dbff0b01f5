package dev.alerting.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a topic gained over a period, read from the broker: records (end offsets), bytes on disk
 * (log-dir sizes, after lz4 compression and batching) and the average uncompressed record size (key
 * + value of records read back from the end of each partition).
 */
public final class TopicMeter implements AutoCloseable {
  private final Admin admin;
  private final String kafka;
  private final String topic;
  private final List<TopicPartition> partitions;

  public TopicMeter(String kafka, String topic) {
    this.kafka = kafka;
    this.topic = topic;
    this.admin =
        Admin.create(
            BenchKafka.client(BenchKafka.fromEnvironment(), kafka, "bench-topic-meter", Map.of()));
    try {
      this.partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("cannot describe " + topic + ": " + e.getMessage(), e);
    }
  }

  public int partitionCount() {
    return partitions.size();
  }

  /** End offsets summed over partitions, and bytes of the topic's logs summed over log dirs. */
  public Snapshot snapshot() {
    try {
      Map<TopicPartition, OffsetSpec> latest =
          partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
      long records =
          admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
      List<Integer> brokers =
          admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList();
      long bytes = 0;
      for (Map<String, LogDirDescription> dirs :
          admin.describeLogDirs(brokers).allDescriptions().get().values()) {
        for (LogDirDescription dir : dirs.values()) {
          for (Map.Entry<TopicPartition, ReplicaInfo> e : dir.replicaInfos().entrySet()) {
            if (e.getKey().topic().equals(topic)) {
              bytes += e.getValue().size();
            }
          }
        }
      }
      return new Snapshot(System.nanoTime(), records, bytes);
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("cannot read offsets of " + topic + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records of the topic not yet committed by the consumer groups reading it, summed over groups:
   * how far the rule engine (and any other consumer) is behind ingest. Committed offsets lag the
   * consumer's position by up to one commit interval.
   */
  public long consumerLag() {
    try {
      Map<TopicPartition, OffsetSpec> latest =
          partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
      Map<TopicPartition, Long> ends = new java.util.HashMap<>();
      admin.listOffsets(latest).all().get().forEach((p, o) -> ends.put(p, o.offset()));
      long lag = 0;
      for (var group : admin.listGroups().all().get()) {
        var committed =
            admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
        for (TopicPartition p : partitions) {
          var c = committed.get(p);
          if (c != null) {
            lag += Math.max(0, ends.get(p) - c.offset());
          }
        }
      }
      return lag;
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(
          "cannot read consumer lag on " + topic + ": " + e.getMessage(), e);
    }
  }

  /**
   * Waits (up to {@code timeout}) until the consumers of the topic have caught up; returns the lag
   * left.
   */
  public long awaitCaughtUp(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long lag = consumerLag();
    while (lag > 0 && System.nanoTime() < deadline) {
      Thread.sleep(500);
      lag = consumerLag();
    }
    return lag;
  }

  /**
   * Average key + value bytes of up to {@code perPartition} records at the end of each partition.
   */
  public double averageRecordBytes(int perPartition) {
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(
            BenchKafka.client(
                BenchKafka.fromEnvironment(),
                kafka,
                "bench-record-size",
                Map.of("enable.auto.commit", "false")),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      c.assign(partitions);
      Map<TopicPartition, Long> ends = c.endOffsets(partitions);
      long wanted = 0;
      for (TopicPartition p : partitions) {
        long from = Math.max(0, ends.get(p) - perPartition);
        c.seek(p, from);
        wanted += ends.get(p) - from;
      }
      List<Integer> sizes = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (sizes.size() < wanted && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          sizes.add(
              (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length));
        }
      }
      return sizes.stream().mapToInt(Integer::intValue).average().orElse(0);
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }

  /** Cumulative counters of the topic at one instant. */
  public record Snapshot(long nanos, long records, long bytesOnDisk) {

    public double recordsPerSecond(Snapshot later) {
      return (later.records - records) / ((later.nanos - nanos) / 1e9);
    }

    public double diskBytesPerSecond(Snapshot later) {
      return (later.bytesOnDisk - bytesOnDisk) / ((later.nanos - nanos) / 1e9);
    }
  }
}
