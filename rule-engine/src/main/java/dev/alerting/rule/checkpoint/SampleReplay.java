package dev.alerting.rule.checkpoint;

import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.CodecException;
import dev.alerting.platform.codec.SampleCodec;
import dev.alerting.platform.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Re-reads the samples a restored engine needs in its series state: per partition, from the first
 * record written at or after {@code fromMillis} up to (excluding) the checkpointed offset. Those
 * samples' effect on alerts is already in the checkpoint, so they only refill the rules' retention
 * window. Blocking: call it from a worker thread.
 */
public final class SampleReplay {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private SampleReplay() {}

  public static List<Sample> read(
      String bootstrapServers, Map<Integer, Long> untilOffsets, long fromMillis) {
    List<Sample> out = new ArrayList<>();
    if (untilOffsets.isEmpty()) {
      return out;
    }
    Map<String, Object> props =
        Map.of(
            "bootstrap.servers", bootstrapServers,
            "enable.auto.commit", "false",
            "isolation.level", "read_committed",
            "max.poll.records", "5000",
            "client.id", "rule-engine-replay");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      Map<TopicPartition, Long> until = new HashMap<>();
      untilOffsets.forEach((p, o) -> until.put(new TopicPartition(Topics.SAMPLES, p), o));
      consumer.assign(until.keySet());
      Map<TopicPartition, Long> query = new HashMap<>();
      until.keySet().forEach(tp -> query.put(tp, Math.max(0, fromMillis)));
      Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(query, TIMEOUT);
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(until.keySet(), TIMEOUT);
      for (TopicPartition tp : until.keySet()) {
        OffsetAndTimestamp s = start.get(tp);
        long from = s == null ? until.get(tp) : Math.max(s.offset(), begin.getOrDefault(tp, 0L));
        consumer.seek(tp, Math.min(from, until.get(tp)));
      }
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!done(consumer, until)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not replay samples within " + TIMEOUT);
        }
        for (TopicPartition tp : until.keySet()) {
          if (consumer.position(tp) >= until.get(tp)) {
            consumer.pause(List.of(tp));
          }
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          if (r.offset() >= until.get(tp)) {
            continue;
          }
          try {
            out.add(SampleCodec.decode(r.value()));
          } catch (CodecException | NullPointerException e) {
            // Skipped and counted when first consumed; nothing to add here.
          }
        }
      }
      return out;
    }
  }

  private static boolean done(KafkaConsumer<String, String> c, Map<TopicPartition, Long> until) {
    for (Map.Entry<TopicPartition, Long> e : until.entrySet()) {
      if (c.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
