package dev.alerting.notify.stream;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.PartitionInfo;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.util.List;

/**
 * The partitions of a topic, asked until the broker's metadata lists them: a topic created a moment
 * ago may still answer with none, and a reader that took "none" for an answer would read nothing.
 */
final class TopicPartitions {
  private static final int ATTEMPTS = 120;
  private static final long DELAY_MS = 250;

  private TopicPartitions() {}

  static Future<List<PartitionInfo>> of(
      Vertx vertx, KafkaConsumer<String, String> consumer, String topic) {
    return attempt(vertx, consumer, topic, 1);
  }

  private static Future<List<PartitionInfo>> attempt(
      Vertx vertx, KafkaConsumer<String, String> consumer, String topic, int n) {
    return consumer
        .partitionsFor(topic)
        .recover(e -> Future.succeededFuture(List.of()))
        .compose(
            ps -> {
              if (!ps.isEmpty()) {
                return Future.succeededFuture(ps);
              }
              if (n >= ATTEMPTS) {
                return Future.failedFuture("topic " + topic + " has no partitions");
              }
              return vertx.timer(DELAY_MS).compose(t -> attempt(vertx, consumer, topic, n + 1));
            });
  }
}
