package dev.alerting.rule.checkpoint;

import dev.alerting.platform.kafka.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a compacted topic from the beginning to its current end, outside any consumer group, and
 * keeps the latest value per key. Blocking: call it from a worker thread.
 */
public final class CompactedTopic {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private CompactedTopic() {}

  /**
   * The latest record of one key: value (null for a tombstone), record timestamp, offset, and the
   * {@value #SOURCE_HEADER} header (where the value came from), or null.
   */
  public record Latest(String value, long timestamp, long offset, String source) {}

  /** Header naming where a record's value came from (a file path, {@code api}). */
  public static final String SOURCE_HEADER = "source";

  /** Every key's latest record, and the end offset of each partition when reading stopped. */
  public record Snapshot(Map<String, Latest> latest, Map<Integer, Long> endOffsets) {
    /** Latest values, tombstones included as nulls. */
    public Map<String, String> values() {
      Map<String, String> out = new HashMap<>();
      latest.forEach((k, l) -> out.put(k, l.value()));
      return out;
    }
  }

  public static Snapshot readToEnd(KafkaSettings kafka, String topic) {
    Map<String, Object> props = kafka.reader("rule-engine-restore-" + topic);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> parts =
          consumer.partitionsFor(topic, TIMEOUT).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts, TIMEOUT);
      Map<String, Latest> latest = new HashMap<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read " + topic + " to its end within " + TIMEOUT);
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.key() != null) {
            var h = r.headers().lastHeader(SOURCE_HEADER);
            String source =
                h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
            latest.put(r.key(), new Latest(r.value(), r.timestamp(), r.offset(), source));
          }
        }
      }
      Map<Integer, Long> ends = new HashMap<>();
      end.forEach((tp, o) -> ends.put(tp.partition(), o));
      return new Snapshot(latest, ends);
    }
  }

  private static boolean reached(KafkaConsumer<String, String> c, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (c.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
