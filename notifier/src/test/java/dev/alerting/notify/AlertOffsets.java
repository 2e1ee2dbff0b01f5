package dev.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.notify.stream.AlertStream;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.testkit.Eventually;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far the notifier's routers (the {@code notifier} group) have read {@code alerts}. */
final class AlertOffsets {
  private AlertOffsets() {}

  /**
   * Waits until the {@code notifier} group has committed every record on {@code alerts}: each
   * partition with records has a committed offset at its end (a router commits once its writes to
   * the next stage are acknowledged, so every event's effect is then durable).
   */
  static void awaitCommitted(String bootstrapServers, Duration wait) {
    try (Admin admin =
        Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrapServers))) {
      Eventually.assertThat(
          wait,
          () -> {
            try {
              Map<TopicPartition, OffsetAndMetadata> committed =
                  admin
                      .listConsumerGroupOffsets(AlertStream.GROUP_ID)
                      .partitionsToOffsetAndMetadata()
                      .get();
              Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
              admin
                  .describeTopics(List.of(Topics.ALERTS))
                  .allTopicNames()
                  .get()
                  .get(Topics.ALERTS)
                  .partitions()
                  .forEach(
                      p ->
                          latest.put(
                              new TopicPartition(Topics.ALERTS, p.partition()),
                              OffsetSpec.latest()));
              admin
                  .listOffsets(latest)
                  .all()
                  .get()
                  .forEach(
                      (tp, end) -> {
                        if (end.offset() > 0) {
                          assertThat(committed.get(tp))
                              .as("committed offset of %s", tp)
                              .isNotNull()
                              .extracting(OffsetAndMetadata::offset)
                              .isEqualTo(end.offset());
                        }
                      });
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          });
    }
  }
}
