package dev.alerting.notify.stream;

import dev.alerting.notify.nflog.GroupState;
import dev.alerting.notify.nflog.GroupStateCodec;
import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.platform.kafka.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

  /** Writes a group's state, or deletes it when empty; completes once the broker has it. */
  public Future<Void> write(String groupId, Optional<GroupState> state) {
    String value = state.map(GroupStateCodec::encode).orElse(null);
    return producer
        .send(
            KafkaProducerRecord.create(
                Topics.NOTIFICATIONS_LOG,
                groupId,
                value,
                null,
                GroupPartition.of(groupId, partitions)))
        .mapEmpty();
  }

  public Future<Void> stop() {
    return producer == null ? Future.succeededFuture() : producer.close();
  }
}
