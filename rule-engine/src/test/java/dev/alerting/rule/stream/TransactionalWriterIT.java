package dev.alerting.rule.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.TopicProbe;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The writer hands its sends and the commit to the producer together (no wait for the sends'
 * acknowledgements before committing): against a real broker, a transaction whose sends all succeed
 * is visible whole to read_committed readers, and one with a failed send is never committed, not
 * even the records that were sent. Only committed writes are timed.
 */
@DisplayName("The rule engine's transactional writer against a real broker")
class TransactionalWriterIT {
  private static final String TOPIC = "writer-it";
  private static EmbeddedKafka kafka;
  private static Vertx vertx;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    kafka.close();
  }

  @Test
  @DisplayName(
      "commits every record of a write; a write with a failed send commits none of it; committed"
          + " writes are timed")
  void wholeOrNothing() throws Exception {
    KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), 1, (short) 1);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    TransactionalWriter writer = new TransactionalWriter(vertx, settings, "writer-it", registry);
    await(writer.claim());
    await(writer.write(List.of(record("a"), record("b"))));
    await(writer.write(List.of(record("c"))));

    // over the producer's max.request.size (1 MiB): refused by the producer itself, every retry
    Future<Void> failing = writer.write(List.of(record("d"), record("x".repeat(2 << 20))));
    Thread.sleep(3_000);
    assertThat(failing.isComplete())
        .as("a write whose send fails is retried, not committed")
        .isFalse();

    try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers(), TOPIC)) {
      List<String> values = probe.drain().stream().map(ConsumerRecord::value).toList();
      assertThat(values).containsExactly("a", "b", "c");
    }
    Timer sent = registry.get("rules.publish.duration").tag("step", "sent").timer();
    Timer committed = registry.get("rules.publish.duration").tag("step", "committed").timer();
    assertThat(committed.count()).as("committed writes timed, the failing one not").isEqualTo(2);
    assertThat(sent.count()).isEqualTo(2);
    assertThat(sent.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    assertThat(committed.max(TimeUnit.NANOSECONDS))
        .as("a transaction commits after its records were acknowledged")
        .isGreaterThanOrEqualTo(sent.max(TimeUnit.NANOSECONDS));
    await(writer.close());
  }

  private static KafkaProducerRecord<String, String> record(String value) {
    return KafkaProducerRecord.create(TOPIC, "k", value);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
