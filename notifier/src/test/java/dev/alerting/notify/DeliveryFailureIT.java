package dev.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.notify.receiver.CaptureServer;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.codec.Json;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.Eventually;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Delivery under failure, against a real broker and a scripted HTTP target: retried answers,
 * Retry-After, dead letters on their topic and re-sent through the API, and secrets kept out of
 * every log line and API answer.
 */
@DisplayName("Notification delivery when receivers fail")
class DeliveryFailureIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SLACK_SECRET = "T0SECRET/B0SECRET/xoxsecretpathtoken";
  private static final String ROUTING =
      """
      route:
        receiver: flaky
        group_by: [alertname]
        group_wait: 50ms
        group_interval: 1h
        repeat_interval: 1h
        routes:
        - {matchers: ['target="limited"'], receiver: limited}
        - {matchers: ['target="broken"'], receiver: broken}
        - {matchers: ['target="slack"'], receiver: slack}
      receivers:
      - name: flaky
        webhook_configs: [{url: 'http://127.0.0.1:%1$d/flaky'}]
      - name: limited
        pagerduty_configs:
        - routing_key: pd-routing-secret-key
          url: 'http://127.0.0.1:%1$d/limited'
          description: 'x'
          client: 'c'
          client_url: 'http://c'
          details: {firing: 'f', resolved: 'r'}
      - name: broken
        webhook_configs:
        - url: 'http://127.0.0.1:%1$d/broken'
          http_config: {basic_auth: {username: u, password: hook-password-secret}}
      - name: slack
        slack_configs:
        - api_url: 'http://127.0.0.1:%1$d/slack/%2$s'
          channel: '#a'
          title: 't'
          text: 'x'
          username: 'u'
          pretext: ''
          fallback: 'f'
          callback_id: ''
          footer: ''
          icon_emoji: ''
          icon_url: ''
          title_link: ''
      """;

  private static EmbeddedKafka kafka;
  private static Vertx vertx;
  private static CaptureServer target;
  private static NotifierVerticle verticle;
  private static KafkaProducer<String, String> producer;
  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    LOGS.start();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(LOGS);
    kafka = EmbeddedKafka.start();
    vertx = Vertx.vertx();
    target = CaptureServer.start(vertx);
    Path routing =
        Files.writeString(
            dir.resolve("alertmanager.yml"), ROUTING.formatted(target.port(), SLACK_SECRET));
    NotifierConfig config =
        NotifierConfig.from(
            Settings.of(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "NOTIFIER_HTTP_PORT", "0",
                    "NOTIFIER_CONFIG", routing.toString(),
                    "NOTIFIER_RETRY_INITIAL_BACKOFF", "50ms",
                    "NOTIFIER_RETRY_MAX_BACKOFF", "10s",
                    "NOTIFIER_RETRY_MAX_ATTEMPTS", "4")));
    verticle = new NotifierVerticle(config);
    vertx.deployVerticle(verticle).await();
    producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer());
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
    if (producer != null) {
      producer.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static void fire(String name, String target) throws Exception {
    Alert a =
        new Alert(
            AlertStatus.FIRING,
            Labels.of("alertname", name, "target", target),
            Map.of("summary", name + " is on"),
            Instant.now(),
            null,
            "");
    producer.send(new ProducerRecord<>(Topics.ALERTS, a.fingerprint(), AlertCodec.encode(a))).get();
  }

  private static HttpResponse<String> call(String method, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + verticle.httpPort() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode getJson(String path) throws Exception {
    HttpResponse<String> r = call("GET", path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return Json.MAPPER.readTree(r.body());
  }

  /** The one history record of a receiver once it is final. */
  private static JsonNode settled(String receiver) {
    return Eventually.await(
        WAIT,
        receiver + " delivery recorded",
        () -> {
          try {
            JsonNode list =
                getJson("/api/v1/notifications?receiver=" + receiver).path("notifications");
            return list.isEmpty() ? null : list.get(0);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  @DisplayName("a 500 then a 200 is delivered exactly once, after two attempts")
  void retriedOnce() throws Exception {
    target.answer("/flaky", 500);
    fire("FlakyOnce", "flaky");
    JsonNode record = settled("flaky");
    assertThat(record.path("status").asText()).isEqualTo("delivered");
    assertThat(record.path("attempts").asInt()).isEqualTo(2);
    List<CaptureServer.Request> got = target.requests("/flaky");
    assertThat(got).hasSize(2);
    assertThat(got.get(0).body()).isEqualTo(got.get(1).body());
    assertThat(getJson("/api/v1/notifications/failed").path("failed").toString())
        .doesNotContain("FlakyOnce");
  }

  @Test
  @DisplayName("a 429 with Retry-After: 2 makes the next attempt wait at least two seconds")
  void retryAfter() throws Exception {
    target.answerWith("/limited", Map.of("Retry-After", "2"), 429);
    fire("Limited", "limited");
    JsonNode record = settled("limited");
    assertThat(record.path("status").asText()).isEqualTo("delivered");
    assertThat(record.path("attempts").asInt()).isEqualTo(2);
    List<CaptureServer.Request> got = target.requests("/limited");
    assertThat(got).hasSize(2);
    assertThat(Duration.ofNanos(got.get(1).atNanos() - got.get(0).atNanos()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  @DisplayName(
      "a 400 is dead-lettered at once, listed with its reason, and re-sent through the API once the target is fixed")
  void deadLetterThenRetry() throws Exception {
    target.answer("/broken", 400);
    fire("Broken", "broken");
    JsonNode record = settled("broken");
    assertThat(record.path("status").asText()).isEqualTo("failed");
    assertThat(record.path("attempts").asInt()).isEqualTo(1);
    String id = record.path("deadLetterId").asText();
    JsonNode failed = getJson("/api/v1/notifications/failed?receiver=broken").path("failed");
    assertThat(failed).hasSize(1);
    JsonNode letter = failed.get(0);
    assertThat(letter.path("id").asText()).isEqualTo(id);
    assertThat(letter.path("integration").asText()).isEqualTo("webhook");
    assertThat(letter.path("reason").asText()).startsWith("HTTP 400");
    assertThat(letter.path("groupKey").asText())
        .isEqualTo("{}/{target=\"broken\"}:{alertname=\"Broken\"}");
    assertThat(
            Json.MAPPER
                .readTree(letter.path("payload").asText())
                .path("groupLabels")
                .path("alertname")
                .asText())
        .isEqualTo("Broken");
    assertThat(deadLetterTopic()).anySatisfy(r -> assertThat(r.key()).isEqualTo(id));

    // the target answers 200 again (nothing more scripted): re-send through the API
    HttpResponse<String> retried = call("POST", "/api/v1/notifications/failed/" + id + "/retry");
    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(retried.body()).path("status").asText()).isEqualTo("delivered");
    List<CaptureServer.Request> got = target.requests("/broken");
    assertThat(got).hasSize(2);
    assertThat(got.get(1).json()).isEqualTo(got.get(0).json());
    assertThat(getJson("/api/v1/notifications/failed?receiver=broken").path("failed")).isEmpty();
    assertThat(call("POST", "/api/v1/notifications/failed/" + id + "/retry").statusCode())
        .isEqualTo(404);
    // the topic keeps the letter and its tombstone (compaction then drops both)
    Eventually.assertThat(
        WAIT,
        () ->
            assertThat(deadLetterTopic())
                .anySatisfy(
                    r -> {
                      assertThat(r.key()).isEqualTo(id);
                      assertThat(r.value()).isNull();
                    }));
  }

  @Test
  @DisplayName("secrets in URLs, keys and passwords never reach logs or API answers")
  void secretsStayHidden() throws Exception {
    target.answer("/slack", 400);
    target.answer("/broken", 400);
    fire("SlackSecret", "slack");
    fire("BasicSecret", "broken");
    settled("slack");
    Eventually.assertThat(
        WAIT,
        () ->
            assertThat(
                    target.requests("/broken").stream()
                        .anyMatch(r -> r.body().contains("BasicSecret")))
                .isTrue());
    settled("broken");
    // the target echoed the secret URL path in its 400 answer, and the request carried the password
    assertThat(target.requests("/slack").get(0).path()).contains(SLACK_SECRET);
    StringBuilder shown = new StringBuilder();
    shown.append(call("GET", "/api/v1/notifications/failed").body());
    shown.append(call("GET", "/api/v1/notifications").body());
    for (JsonNode f : getJson("/api/v1/notifications/failed").path("failed")) {
      String id = f.path("id").asText();
      shown.append(call("GET", "/api/v1/notifications/failed/" + id).body());
    }
    new ArrayList<>(LOGS.list).forEach(e -> shown.append(e.getFormattedMessage()).append('\n'));
    assertThat(shown.toString())
        .contains("<secret>")
        .doesNotContain(SLACK_SECRET)
        .doesNotContain("xoxsecretpathtoken")
        .doesNotContain("hook-password-secret")
        .doesNotContain("pd-routing-secret-key");
  }

  private static List<ConsumerRecord<String, String>> deadLetterTopic() {
    Map<String, Object> cfg = new HashMap<>();
    cfg.put("bootstrap.servers", kafka.bootstrapServers());
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(cfg, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition p = new TopicPartition(Topics.NOTIFICATIONS_DEAD, 0);
      c.assign(List.of(p));
      c.seekToBeginning(List.of(p));
      long end = c.endOffsets(List.of(p)).get(p);
      while (c.position(p) < end) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
