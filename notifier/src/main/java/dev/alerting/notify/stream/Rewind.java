package dev.alerting.notify.stream;

import io.vertx.core.Future;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-reads a failed batch from its first record per partition. Vert.x's {@code
 * KafkaConsumer.committed} never completes on kafka-clients 4 (it calls a method Kafka 4 removed;
 * see VertxKafkaClientLinkageTest), so the position to go back to is taken from the batch itself:
 * offsets are committed only after a batch succeeds, so its first offsets are the committed ones.
 */
public final class Rewind {
  private final Map<TopicPartition, Long> firstOffsets = new HashMap<>();

  /** Remembers where the batch about to be handled starts; call it with every polled batch. */
  public KafkaConsumerRecords<String, String> batch(KafkaConsumerRecords<String, String> records) {
    firstOffsets.clear();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> r = records.recordAt(i);
      firstOffsets.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
    }
    return records;
  }

  /** Seeks every partition of the last batch back to its first record. */
  public Future<Void> seekBack(KafkaConsumer<String, String> consumer) {
    List<Future<Void>> seeks = new ArrayList<>();
    firstOffsets.forEach((tp, offset) -> seeks.add(consumer.seek(tp, offset)));
    return Future.all(seeks).mapEmpty();
  }
}
