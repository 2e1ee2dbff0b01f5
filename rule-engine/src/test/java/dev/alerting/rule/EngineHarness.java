package dev.alerting.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.kafka.TopicSpec;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.rule.stream.SampleStream;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.Eventually;
import dev.alerting.testkit.SampleTopic;
import dev.alerting.testkit.TopicProbe;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the rule engine integration tests share: a sample producer, an alert probe and HTTP calls.
 */
final class EngineHarness implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final EmbeddedKafka kafka;
  final KafkaProducer<String, byte[]> producer;
  final TopicProbe alerts;
  private final AtomicLong sent = new AtomicLong();

  /** Create once the engine has created the topics (the probe assigns the alerts partitions). */
  EngineHarness(EmbeddedKafka kafka) {
    this.kafka = kafka;
    this.producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer());
    this.alerts = new TopicProbe(kafka.bootstrapServers(), Topics.ALERTS);
  }

  /**
   * The topics the engine would create, made up front (so a probe can read alerts at once), with
   * {@code samplePartitions} partitions of {@code metrics.samples}.
   */
  static void createTopics(EmbeddedKafka kafka, int samplePartitions) {
    List<TopicSpec> specs = new ArrayList<>();
    for (TopicSpec t : Topics.pipeline(3, (short) 1)) {
      specs.add(
          t.name().equals(Topics.SAMPLES)
              ? new TopicSpec(t.name(), samplePartitions, t.replicationFactor(), t.configs())
              : t);
    }
    specs.addAll(Topics.ruleEngineState((short) 1));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin
          .createTopics(
              specs.stream()
                  .map(
                      t ->
                          new NewTopic(t.name(), t.partitions(), t.replicationFactor())
                              .configs(t.configs()))
                  .toList())
          .all()
          .get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static RuleEngineConfig config(EmbeddedKafka kafka, Path rules, String reloadInterval) {
    return RuleEngineConfig.from(
        Settings.of(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(),
                "RULES_HTTP_PORT",
                "0",
                "RULES_FILE",
                rules.toString(),
                "RULES_TICK_INTERVAL",
                "200ms",
                "RULES_RELOAD_INTERVAL",
                reloadInterval)));
  }

  /**
   * Writes {@code s} with its own time as the record's broker time: these tests date samples ahead
   * of the wall clock (so ticks never overtake them), as a sender whose clock the broker agrees
   * with; {@code RULES_MAX_FUTURE_SKEW} then never caps them.
   */
  void push(Sample s) {
    try {
      producer
          .send(SampleTopic.protobuf(s, SampleTopic.partitions(producer), s.timestampMillis()))
          .get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    sent.incrementAndGet();
  }

  /** Writes {@code s} with {@code brokerMillis} as its record's time (a sender's clock off). */
  void pushAt(Sample s, long brokerMillis) {
    try {
      producer.send(SampleTopic.protobuf(s, SampleTopic.partitions(producer), brokerMillis)).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    sent.incrementAndGet();
  }

  /** Waits until the engine's group has committed every sample sent, i.e. processed them all. */
  void awaitConsumed() {
    awaitCommitted(kafka, sent.get());
  }

  /**
   * Waits until the engines' offsets (committed only once a checkpoint position covers them, and so
   * their events) add up to {@code samples}.
   */
  static void awaitCommitted(EmbeddedKafka kafka, long samples) {
    Eventually.assertThat(
        WAIT,
        () -> {
          try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets =
                admin
                    .listConsumerGroupOffsets(SampleStream.GROUP_ID)
                    .partitionsToOffsetAndMetadata()
                    .get();
            long committed = offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
            assertThat(committed).isEqualTo(samples);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  List<ConsumerRecord<String, String>> await(
      String alertname, String instance, AlertStatus status) {
    return alerts.await(r -> is(r, alertname, instance, status), 1, WAIT);
  }

  /** Events so far (after draining the topic) for one alert and status. */
  List<Alert> events(String alertname, String instance, AlertStatus status) {
    return alerts.drain().stream()
        .filter(r -> is(r, alertname, instance, status))
        .map(r -> AlertCodec.decode(r.value()))
        .toList();
  }

  private static boolean is(
      ConsumerRecord<String, String> r, String alertname, String instance, AlertStatus status) {
    Alert a = AlertCodec.decode(r.value());
    return a.name().equals(alertname)
        && instance.equals(a.labels().get("instance"))
        && a.status() == status;
  }

  static HttpResponse<String> http(int port, String method, String path, String body) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
              .timeout(java.time.Duration.ofSeconds(30))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body))
              .header("Content-Type", "application/yaml")
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + " failed", e);
    }
  }

  static JsonObject get(int port, String path) {
    HttpResponse<String> r = http(port, "GET", path, null);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return new JsonObject(r.body());
  }

  /** The alerting rules the API lists, as "group/name". */
  static List<String> ruleNames(int port) {
    return get(port, "/api/v1/rules").getJsonObject("data").getJsonArray("groups").stream()
        .map(JsonObject.class::cast)
        .flatMap(
            g ->
                g.getJsonArray("rules").stream()
                    .map(JsonObject.class::cast)
                    .map(r -> g.getString("name") + "/" + r.getString("name")))
        .toList();
  }

  @Override
  public void close() {
    if (alerts != null) {
      alerts.close();
    }
    producer.close();
  }
}
