package dev.alerting.launcher.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.Eventually;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every vertx-kafka-client call the services make (rule engine, notifier, incident service), run on
 * kafka-clients 4.3.1 against a real broker: if one of them linked to a method Kafka 4 removed, it
 * would fail here with {@link NoSuchMethodError}.
 */
class VertxKafkaClientIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static EmbeddedKafka kafka;
  private static Vertx vertx;
  private static KafkaSettings settings;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    vertx = Vertx.vertx();
    settings = new KafkaSettings(kafka.bootstrapServers(), 1, (short) 1);
    try (Admin admin =
        Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(new NewTopic("polled", 1, (short) 1), new NewTopic("assigned", 1, (short) 1)))
          .all()
          .get();
    }
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    kafka.close();
  }

  @Test
  @DisplayName(
      "producer send, subscribed poll, records, commit and seek work as the consumers use them")
  void subscribedPollLoop() throws Exception {
    KafkaProducer<String, String> producer = KafkaProducer.create(vertx, settings.producer("it"));
    long offset0 =
        producer.send(KafkaProducerRecord.create("polled", "k", "v0")).await().getOffset();
    long offset1 =
        producer.send(KafkaProducerRecord.create("polled", "k", "v1")).await().getOffset();
    assertThat(offset1).isEqualTo(offset0 + 1);

    KafkaConsumer<String, String> consumer =
        KafkaConsumer.create(vertx, settings.consumer("it-group", "it-consumer"));
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    consumer.exceptionHandler(errors::add);
    consumer.partitionsRevokedHandler((Set<TopicPartition> revoked) -> {});
    consumer.subscribe("polled").await();

    List<String> values = new ArrayList<>();
    Eventually.assertThat(
        WAIT,
        () -> {
          KafkaConsumerRecords<String, String> batch =
              consumer.poll(Duration.ofMillis(200)).await();
          for (int i = 0; i < batch.size(); i++) {
            values.add(batch.recordAt(i).value());
          }
          batch.records().forEach(r -> assertThat(r.topic()).isEqualTo("polled"));
          assertThat(values).containsExactly("v0", "v1");
        });

    TopicPartition tp = new TopicPartition("polled", 0);
    consumer.commit(Map.of(tp, new OffsetAndMetadata(offset1 + 1, ""))).await();
    consumer.seek(tp, offset1).await();
    KafkaConsumerRecords<String, String> again =
        Eventually.await(WAIT, "the record after the seek", () -> nonEmpty(consumer));
    assertThat(again.recordAt(0).value()).isEqualTo("v1");
    consumer.close().await();
    producer.close().await();

    try (Admin admin =
        Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
      var committed =
          admin.listConsumerGroupOffsets("it-group").partitionsToOffsetAndMetadata().get();
      assertThat(committed.get(new org.apache.kafka.common.TopicPartition("polled", 0)).offset())
          .isEqualTo(offset1 + 1);
    }
    assertThat(errors).isEmpty();
  }

  @Test
  @DisplayName("an assigned consumer with a record handler continues from the offset it seeks to")
  void assignedHandler() {
    KafkaProducer<String, String> producer = KafkaProducer.create(vertx, settings.producer("it-2"));
    for (String v : List.of("a", "b", "c")) {
      producer.send(KafkaProducerRecord.create("assigned", "k", v)).await();
    }
    List<String> seen = new CopyOnWriteArrayList<>();
    KafkaConsumer<String, String> consumer =
        KafkaConsumer.create(vertx, settings.consumer("unused", "it-follower"));
    consumer.exceptionHandler(e -> {});
    consumer.handler((KafkaConsumerRecord<String, String> r) -> seen.add(r.value()));
    TopicPartition tp = new TopicPartition("assigned", 0);
    consumer.assign(tp).compose(v -> consumer.seek(tp, 1)).await();
    // the handler may see records before the seek lands (RulesTopic filters by offset for this);
    // what the seek guarantees is that reading continues from offset 1
    Eventually.assertThat(WAIT, () -> assertThat(seen).endsWith("b", "c"));
    consumer.close().await();
    producer.close().await();
  }

  @Test
  @DisplayName(
      "KafkaConsumer.committed, which we never call, never completes on Kafka 4: the method it needs is gone")
  void committedIsBroken() {
    KafkaConsumer<String, String> consumer =
        KafkaConsumer.create(vertx, settings.consumer("it-broken", "it-broken"));
    // The NoSuchMethodError is thrown on the client's worker thread and escapes the promise, so
    // the future neither succeeds nor fails: a caller would hang.
    assertThatThrownBy(
            () ->
                consumer
                    .committed(new TopicPartition("polled", 0))
                    .timeout(3, TimeUnit.SECONDS)
                    .await())
        .hasMessageContaining("Timeout");
  }

  private static KafkaConsumerRecords<String, String> nonEmpty(KafkaConsumer<String, String> c) {
    KafkaConsumerRecords<String, String> batch = c.poll(Duration.ofMillis(200)).await();
    return batch.isEmpty() ? null : batch;
  }
}
