package dev.alerting.notify.stream;

import dev.alerting.platform.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.PartitionInfo;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of a compacted topic from its beginning, outside any consumer group, and
 * hands each record (key, value or null for a tombstone) to a handler on the event loop. {@link
 * #start} completes once the records present at start-up have been handed over, so a caller that
 * waits for it never acts on a partial view.
 */
public final class CompactedFeed {
  private static final Logger LOG = LoggerFactory.getLogger(CompactedFeed.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

  private final Vertx vertx;
  private final KafkaSettings kafka;
  private final String topic;
  private final Handler handler;
  private final Promise<Void> caughtUp = Promise.promise();
  private final Map<TopicPartition, Long> startEnd = new HashMap<>();
  private final Map<TopicPartition, Long> seen = new HashMap<>();
  private KafkaConsumer<String, String> consumer;
  private volatile boolean stopping;
  private Promise<Void> stopped;

  /** Takes a record: key, value (null for a tombstone) and the record's timestamp. */
  @FunctionalInterface
  public interface Handler {
    void accept(String key, String value, long timestampMillis);
  }

  public CompactedFeed(
      Vertx vertx, KafkaSettings kafka, String topic, BiConsumer<String, String> handler) {
    this(vertx, kafka, topic, (Handler) (k, v, t) -> handler.accept(k, v));
  }

  public CompactedFeed(Vertx vertx, KafkaSettings kafka, String topic, Handler handler) {
    this.vertx = vertx;
    this.kafka = kafka;
    this.topic = topic;
    this.handler = handler;
  }

  public Future<Void> start(String clientId) {
    return start(clientId, null);
  }

  /** Follows only the given partitions (all when null). */
  public Future<Void> start(String clientId, Set<Integer> only) {
    Map<String, String> props = kafka.consumer(null, clientId);
    consumer = KafkaConsumer.create(vertx, props);
    consumer.exceptionHandler(e -> LOG.warn("{} reader error: {}", topic, e.getMessage()));
    return TopicPartitions.of(vertx, consumer, topic)
        .map(
            ps ->
                ps.stream()
                    .map(PartitionInfo::getPartition)
                    .filter(p -> only == null || only.contains(p))
                    .map(p -> new TopicPartition(topic, p))
                    .collect(Collectors.toSet()))
        .compose(this::assign)
        .compose(
            v -> {
              pollLoop();
              return caughtUp.future();
            });
  }

  private Future<Void> assign(Set<TopicPartition> parts) {
    return consumer
        .assign(parts)
        .compose(v -> consumer.seekToBeginning(parts))
        .compose(v -> consumer.endOffsets(parts))
        .map(
            ends -> {
              startEnd.putAll(ends);
              checkCaughtUp();
              return null;
            });
  }

  private void pollLoop() {
    if (stopping) {
      stopped.tryComplete();
      return;
    }
    consumer
        .poll(POLL_TIMEOUT)
        .onSuccess(this::handle)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                LOG.warn("{} poll failed, retrying in 1s: {}", topic, ar.cause().getMessage());
                vertx.setTimer(1000, t -> pollLoop());
              } else {
                pollLoop();
              }
            });
  }

  private void handle(KafkaConsumerRecords<String, String> records) {
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> r = records.recordAt(i);
      seen.put(new TopicPartition(topic, r.partition()), r.offset() + 1);
      if (r.key() == null) {
        continue;
      }
      try {
        handler.accept(r.key(), r.value(), r.timestamp());
      } catch (RuntimeException e) {
        LOG.warn("{}: skipping record {}@{}: {}", topic, r.key(), r.offset(), e.getMessage());
      }
    }
    if (!caughtUp.future().isComplete()) {
      // Compaction and transaction markers leave gaps: ask the position, not the last record.
      Future.all(
              startEnd.keySet().stream()
                  .map(tp -> consumer.position(tp).onSuccess(p -> seen.merge(tp, p, Math::max)))
                  .toList())
          .onComplete(ar -> checkCaughtUp());
    }
  }

  private void checkCaughtUp() {
    for (Map.Entry<TopicPartition, Long> e : startEnd.entrySet()) {
      if (seen.getOrDefault(e.getKey(), 0L) < e.getValue()) {
        return;
      }
    }
    caughtUp.tryComplete();
  }

  public Future<Void> stop() {
    if (consumer == null) {
      return Future.succeededFuture();
    }
    stopped = Promise.promise();
    stopping = true;
    return stopped
        .future()
        .timeout(5, java.util.concurrent.TimeUnit.SECONDS)
        .recover(e -> Future.succeededFuture())
        .compose(v -> consumer.close())
        .recover(e -> Future.succeededFuture());
  }
}
