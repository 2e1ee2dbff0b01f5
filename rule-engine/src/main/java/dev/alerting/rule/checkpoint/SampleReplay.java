package dev.alerting.rule.checkpoint;

import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.CodecException;
import dev.alerting.platform.codec.SampleDecoder;
import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.platform.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Re-reads the samples a restored engine needs in its series state: per partition, from the first
 * record written at or after {@code fromMillis} up to (excluding) the checkpointed offset. Those
 * samples' effect on alerts is already in the checkpoint, so they only refill the rules' retention
 * window. Bounded: at most {@code maxSamples} records in all (the newest of each partition, in
 * proportion to its share), handed to the sink in poll-sized chunks so nothing but the engine's own
 * store holds them, and it gives up only when reading stalls for {@code stallTimeout}, not after a
 * fixed total time. Blocking: call it from a worker thread.
 */
public final class SampleReplay {
  private static final Duration API_TIMEOUT = Duration.ofSeconds(60);

  /** How many records were read, and how many older ones the bound left out. */
  public record Result(long read, long skipped) {}

  private SampleReplay() {}

  public static Result read(
      KafkaSettings kafka,
      Map<Integer, Long> untilOffsets,
      long fromMillis,
      int maxSamples,
      Duration stallTimeout,
      Consumer<List<Sample>> sink) {
    if (untilOffsets.isEmpty()) {
      return new Result(0, 0);
    }
    Map<String, Object> props = kafka.reader("rule-engine-replay");
    props.put("max.poll.records", "5000");
    props.put("value.deserializer", ByteArrayDeserializer.class.getName());
    SampleDecoder decoder = new SampleDecoder();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      Map<TopicPartition, Long> until = new HashMap<>();
      untilOffsets.forEach((p, o) -> until.put(new TopicPartition(Topics.SAMPLES, p), o));
      consumer.assign(until.keySet());
      Map<TopicPartition, Long> from = startOffsets(consumer, until, fromMillis);
      long skipped = bound(from, until, maxSamples);
      from.forEach(consumer::seek);
      long read = 0;
      long lastProgress = System.nanoTime();
      while (!done(consumer, until)) {
        for (TopicPartition tp : until.keySet()) {
          if (consumer.position(tp) >= until.get(tp)) {
            consumer.pause(List.of(tp));
          }
        }
        List<Sample> chunk = new ArrayList<>();
        int records = 0;
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          records++;
          if (r.offset() >= until.get(new TopicPartition(r.topic(), r.partition()))) {
            continue;
          }
          try {
            decoder.decode(r.headers(), r.value(), chunk);
          } catch (CodecException e) {
            // Skipped and counted when first consumed; nothing to add here.
          }
        }
        if (records > 0) {
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
          throw new IllegalStateException(
              "sample replay read nothing for "
                  + stallTimeout
                  + " (RULES_REPLAY_STALL_TIMEOUT) after "
                  + read
                  + " records");
        }
        read += chunk.size();
        if (!chunk.isEmpty()) {
          sink.accept(chunk);
        }
      }
      return new Result(read, skipped);
    }
  }

  private static Map<TopicPartition, Long> startOffsets(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> until, long fromMillis) {
    Map<TopicPartition, Long> query = new HashMap<>();
    until.keySet().forEach(tp -> query.put(tp, Math.max(0, fromMillis)));
    Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(query, API_TIMEOUT);
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(until.keySet(), API_TIMEOUT);
    Map<TopicPartition, Long> from = new HashMap<>();
    for (TopicPartition tp : until.keySet()) {
      OffsetAndTimestamp s = start.get(tp);
      long f = s == null ? until.get(tp) : Math.max(s.offset(), begin.getOrDefault(tp, 0L));
      from.put(tp, Math.min(f, until.get(tp)));
    }
    return from;
  }

  /**
   * Moves the start offsets forward so at most {@code max} records are read, keeping each
   * partition's newest records in proportion to its share; returns how many were left out.
   */
  static long bound(Map<TopicPartition, Long> from, Map<TopicPartition, Long> until, int max) {
    long total = 0;
    for (TopicPartition tp : from.keySet()) {
      total += until.get(tp) - from.get(tp);
    }
    if (total <= max) {
      return 0;
    }
    long kept = 0;
    for (TopicPartition tp : from.keySet()) {
      long span = until.get(tp) - from.get(tp);
      long keep = (long) Math.floor((double) max * span / total);
      from.put(tp, until.get(tp) - keep);
      kept += keep;
    }
    return total - kept;
  }

  private static boolean done(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> until) {
    for (Map.Entry<TopicPartition, Long> e : until.entrySet()) {
      if (c.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
