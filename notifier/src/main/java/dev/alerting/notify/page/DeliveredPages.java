package dev.alerting.notify.page;

import dev.alerting.model.page.PageOutcome;
import dev.alerting.platform.codec.CodecException;
import dev.alerting.platform.codec.PageCodec;
import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.platform.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The pages already delivered, read back from {@code pages.outcomes} when a notifier starts: an
 * instance that crashed after delivering a batch but before committing it (or whose partitions
 * another instance takes over) reads the batch again, and these ids keep it from paging twice.
 * Blocking: call it off the event loop.
 */
final class DeliveredPages {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private DeliveredPages() {}

  /** The ids of delivered pages among the last {@code perPartition} outcomes of each partition. */
  static Set<String> read(KafkaSettings kafka, int perPartition) {
    Set<String> ids = new LinkedHashSet<>();
    Map<String, Object> props = kafka.reader("notifier-delivered-pages");
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props)) {
      List<TopicPartition> parts = new ArrayList<>();
      for (PartitionInfo p : c.partitionsFor(Topics.PAGE_OUTCOMES, TIMEOUT)) {
        parts.add(new TopicPartition(p.topic(), p.partition()));
      }
      c.assign(parts);
      Map<TopicPartition, Long> ends = c.endOffsets(parts, TIMEOUT);
      Map<TopicPartition, Long> begins = c.beginningOffsets(parts, TIMEOUT);
      for (TopicPartition tp : parts) {
        c.seek(tp, Math.max(begins.get(tp), ends.get(tp) - perPartition));
      }
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!done(c, parts, ends)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read " + Topics.PAGE_OUTCOMES + " to its end within " + TIMEOUT);
        }
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          try {
            PageOutcome o = PageCodec.decodeOutcome(r.value());
            if (o.result() == PageOutcome.Result.DELIVERED) {
              ids.add(o.pageId());
            }
          } catch (CodecException e) {
            // not an outcome this version can read: it cannot name a page to skip
          }
        }
      }
    }
    return ids;
  }

  private static boolean done(
      KafkaConsumer<String, String> c, List<TopicPartition> parts, Map<TopicPartition, Long> ends) {
    for (TopicPartition tp : parts) {
      if (c.position(tp, TIMEOUT) < ends.get(tp)) {
        return false;
      }
    }
    return true;
  }
}
