package dev.alerting.incident.stream;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident service's consumer loop: poll, apply the batch on a worker, commit what was applied,
 * poll again. Nothing is in flight when offsets are committed. What was not applied is read again:
 * the applier names where to rewind, and an applier that throws rewinds the whole batch; either way
 * the loop backs off before the next poll. Appliers are idempotent, so a redelivery is harmless.
 */
final class PollLoop {
  private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);
  private static final Duration POLL = Duration.ofMillis(250);

  /** Applies a batch (blocking; runs on a worker) and says what is done and where to rewind. */
  @FunctionalInterface
  interface Applier {
    Applied apply(List<ConsumerRecord<String, String>> records);
  }

  /** Offsets to commit, and per partition the first offset to read again. */
  record Applied(Map<TopicPartition, OffsetAndMetadata> done, Map<TopicPartition, Long> rewind) {
    static final Applied NOTHING = new Applied(Map.of(), Map.of());

    static Applied all(List<ConsumerRecord<String, String>> records) {
      Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
      for (ConsumerRecord<String, String> r : records) {
        done.put(
            new TopicPartition(r.topic(), r.partition()),
            new OffsetAndMetadata(r.offset() + 1, null));
      }
      return new Applied(done, Map.of());
    }
  }

  private final Vertx vertx;
  private final KafkaConsumer<String, String> consumer;
  private final String topic;
  private final Duration backoff;
  private final Applier applier;
  private final Promise<Void> stopped = Promise.promise();
  private volatile boolean stopping;

  PollLoop(
      Vertx vertx,
      KafkaConsumer<String, String> consumer,
      String topic,
      Duration backoff,
      Applier applier) {
    this.vertx = vertx;
    this.consumer = consumer;
    this.topic = topic;
    this.backoff = backoff;
    this.applier = applier;
  }

  /** Subscribes and starts the loop; the future completes once subscribed. */
  Future<Void> start() {
    return consumer.subscribe(topic).onSuccess(v -> next());
  }

  /** Finishes the batch in progress (applied and committed), then closes the consumer. */
  Future<Void> stop() {
    stopping = true;
    return stopped.future().eventually(consumer::close);
  }

  private void next() {
    if (stopping) {
      stopped.tryComplete();
      return;
    }
    consumer
        .poll(POLL)
        .compose(this::applyBatch)
        .compose(this::commitAndRewind)
        .onSuccess(
            failed -> {
              if (failed) {
                vertx.setTimer(backoff.toMillis(), t -> next());
              } else {
                next();
              }
            })
        .onFailure(
            e -> {
              LOG.warn("{} consumer step failed; retrying in {}", topic, backoff, e);
              vertx.setTimer(backoff.toMillis(), t -> next());
            });
  }

  private Future<Applied> applyBatch(KafkaConsumerRecords<String, String> batch) {
    if (batch.isEmpty()) {
      return Future.succeededFuture(Applied.NOTHING);
    }
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    batch.records().forEach(records::add);
    return vertx
        .executeBlocking(() -> applier.apply(records))
        .recover(
            e -> {
              LOG.warn("batch of {} {} records failed; reading it again", records.size(), topic, e);
              return Future.succeededFuture(new Applied(Map.of(), firstOffsets(records)));
            });
  }

  /** Commits applied offsets, rewinds to the first unapplied record; true when something failed. */
  private Future<Boolean> commitAndRewind(Applied result) {
    Future<?> committed =
        result.done().isEmpty() ? Future.succeededFuture() : consumer.commit(result.done());
    return committed
        .recover(
            e -> {
              // The effects are durable; an uncommitted offset only means a harmless redelivery.
              LOG.warn("{} offset commit failed; records will be redelivered", topic, e);
              return Future.succeededFuture();
            })
        .compose(v -> rewind(result.rewind()))
        .map(v -> !result.rewind().isEmpty());
  }

  private Future<Void> rewind(Map<TopicPartition, Long> positions) {
    List<Future<Void>> seeks = new ArrayList<>();
    positions.forEach((tp, offset) -> seeks.add(consumer.seek(tp, offset)));
    return Future.all(seeks).mapEmpty();
  }

  private static Map<TopicPartition, Long> firstOffsets(List<ConsumerRecord<String, String>> rs) {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (ConsumerRecord<String, String> r : rs) {
      first.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset());
    }
    return first;
  }
}
