package dev.alerting.notify.stream;

import dev.alerting.notify.nflog.GroupState;
import dev.alerting.notify.nflog.GroupStateCodec;
import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.platform.kafka.Topics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The notification log on the compacted {@code notifications.log} topic: one record per aggregation
 * group (key = group id), written after a flush settled and before the alert offsets it settles are
 * committed; a tombstone once the group is gone.
 */
public final class NotificationLogTopic {
  private final Vertx vertx;
  private final KafkaSettings kafka;
  private KafkaProducer<String, String> producer;
  private int partitions;
  private final Map<String, GroupState> waiting = new LinkedHashMap<>();
  private final List<Promise<Void>> waiters = new ArrayList<>();
  private boolean producing;

  public NotificationLogTopic(Vertx vertx, KafkaSettings kafka) {
    this.vertx = vertx;
    this.kafka = kafka;
  }

  public void start(int partitions) {
    this.partitions = partitions;
    producer = KafkaProducer.create(vertx, kafka.producer("notifier-nflog"));
  }

  /** Reads the log's given partitions: the latest state of every group still present. */
  public Future<Map<String, GroupState>> load(Set<Integer> only) {
    Map<String, GroupState> states = new HashMap<>();
    CompactedFeed feed =
        new CompactedFeed(
            vertx,
            kafka,
            Topics.NOTIFICATIONS_LOG,
            (key, value) -> {
              if (value == null) {
                states.remove(key);
              } else {
                states.put(key, GroupStateCodec.decode(key, value));
              }
            });
    return feed.start("notifier-nflog-reader", only).compose(v -> feed.stop()).map(v -> states);
  }

  /**
   * Writes a group's state, or deletes it when empty; completes once the broker has it. Writes made
   * while a batch is out wait and go together in the next one (group commit): one produce and one
   * worker hop per batch instead of per notification, in the order they were made.
   */
  public Future<Void> write(String groupId, Optional<GroupState> state) {
    Promise<Void> done = Promise.promise();
    waiting.put(groupId, state.orElse(null));
    waiters.add(done);
    if (!producing) {
      producing = true;
      // the rest of this event-loop turn's writes join the batch
      vertx.runOnContext(v -> produce());
    }
    return done.future();
  }

  private void produce() {
    if (waiting.isEmpty()) {
      producing = false;
      return;
    }
    Map<String, GroupState> batch = new LinkedHashMap<>(waiting);
    List<Promise<Void>> settled = new ArrayList<>(waiters);
    waiting.clear();
    waiters.clear();
    // encoded on the worker, off the event loop: a GroupState is immutable
    BatchSend.all(
            vertx,
            producer.unwrap(),
            () -> {
              List<ProducerRecord<String, String>> records = new ArrayList<>();
              batch.forEach(
                  (groupId, s) ->
                      records.add(
                          new ProducerRecord<>(
                              Topics.NOTIFICATIONS_LOG,
                              GroupPartition.of(groupId, partitions),
                              groupId,
                              s == null ? null : GroupStateCodec.encode(s))));
              return records;
            })
        .onComplete(
            ar -> {
              settled.forEach(p -> p.handle(ar));
              produce();
            });
  }

  public Future<Void> stop() {
    return producer == null ? Future.succeededFuture() : producer.close();
  }
}
