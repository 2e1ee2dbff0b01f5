package dev.alerting.notify.history;

import dev.alerting.platform.codec.Json;
import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.platform.kafka.Topics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Dead letters on the compacted {@link Topics#NOTIFICATIONS_DEAD} topic (key = dead letter id, a
 * tombstone once re-sent), with the current set in memory. Reading the topic back at start-up makes
 * the list survive restarts; with several notifier instances each sees every dead letter.
 */
public final class DeadLetterTopic extends MemoryDeadLetters implements AutoCloseable {
  private final Vertx vertx;
  private final KafkaSettings kafka;
  private final KafkaProducer<String, String> producer;

  public DeadLetterTopic(Vertx vertx, KafkaSettings kafka) {
    this.vertx = vertx;
    this.kafka = kafka;
    this.producer = new KafkaProducer<>(new HashMap<>(kafka.producer("notifier-dead-letters")));
  }

  /** Reads the topic from the start to its current end, on a worker (the consumer blocks). */
  public Future<Void> load() {
    return vertx.executeBlocking(
        () -> {
          Map<String, String> cfg = new HashMap<>(kafka.consumer("notifier-dead-letters", "dl"));
          cfg.remove("group.id");
          try (KafkaConsumer<String, String> c = new KafkaConsumer<>(new HashMap<>(cfg))) {
            List<TopicPartition> parts =
                c.partitionsFor(Topics.NOTIFICATIONS_DEAD).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
              for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                apply(
                    r.key(),
                    r.value() == null
                        ? null
                        : DeadLetter.fromJson(Json.MAPPER.readTree(r.value())));
              }
            }
          }
          return null;
        });
  }

  @Override
  public Future<Void> put(DeadLetter letter) {
    return send(letter.id(), Json.write(letter.toJson())).compose(v -> super.put(letter));
  }

  @Override
  public Future<Void> remove(String id) {
    return send(id, null).compose(v -> super.remove(id));
  }

  private Future<Void> send(String key, String value) {
    Promise<Void> done = Promise.promise();
    producer.send(
        new ProducerRecord<>(Topics.NOTIFICATIONS_DEAD, key, value),
        (meta, e) -> {
          if (e == null) {
            done.complete();
          } else {
            done.fail(e);
          }
        });
    return done.future();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
