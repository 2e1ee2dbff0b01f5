package dev.alerting.notify.stream;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Produces a batch of records with one worker hop: the Vert.x producer's {@code send} takes a
 * worker thread per record, which cost more than the record itself when a poll or a flush pass
 * writes hundreds of them. Completes once the broker acknowledged every record of the batch (in
 * order per partition, as the Kafka producer keeps them); fails if any failed.
 */
final class BatchSend {
  private BatchSend() {}

  /** {@code records} is called on the worker, so encoding there keeps it off the event loop. */
  static Future<Void> all(
      Vertx vertx,
      Producer<String, String> producer,
      Supplier<List<ProducerRecord<String, String>>> records) {
    return vertx.executeBlocking(
        () -> {
          List<java.util.concurrent.Future<RecordMetadata>> acks = new ArrayList<>();
          for (ProducerRecord<String, String> r : records.get()) {
            acks.add(producer.send(r));
          }
          for (java.util.concurrent.Future<RecordMetadata> ack : acks) {
            ack.get();
          }
          return null;
        },
        false);
  }
}
