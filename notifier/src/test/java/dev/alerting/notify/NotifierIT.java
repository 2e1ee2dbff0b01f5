package dev.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Notifier against a real broker and a webhook target")
class NotifierIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ROUTING =
      """
      route:
        receiver: hook
        group_by: [alertname]
        group_wait: 100ms
        group_interval: 1s
        repeat_interval: 1h
        routes:
        - matchers: ['target="flaky"']
          receiver: flaky
      receivers:
      - name: hook
        webhook_configs:
        - url: http://localhost:%1$d/hook
      - name: flaky
        webhook_configs:
        - url: http://localhost:%1$d/flaky
      """;

  /** One request the webhook target received and what it answered. */
  private record Received(String path, JsonObject body, int status) {}

  private static EmbeddedKafka kafka;
  private static Vertx vertx;
  private static HttpServer target;
  private static NotifierVerticle verticle;
  private static KafkaProducer<String, String> producer;
  private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

  /** How many more requests per path the target answers 503 before answering 200. */
  private static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    kafka = EmbeddedKafka.start();
    vertx = Vertx.vertx();
    target =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            body -> {
                              AtomicInteger left = FAILURES.get(req.path());
                              int status = left != null && left.getAndDecrement() > 0 ? 503 : 200;
                              RECEIVED.add(new Received(req.path(), body.toJsonObject(), status));
                              req.response().setStatusCode(status).end();
                            }))
            .listen(0)
            .await();
    Path routing =
        Files.writeString(dir.resolve("alertmanager.yml"), ROUTING.formatted(target.actualPort()));
    NotifierConfig config =
        NotifierConfig.from(
            Settings.of(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "NOTIFIER_HTTP_PORT", "0",
                    "NOTIFIER_CONFIG", routing.toString(),
                    "NOTIFIER_EXTERNAL_URL", "http://notifier.test:8082",
                    "NOTIFIER_RETRY_INITIAL_BACKOFF", "50ms",
                    "NOTIFIER_RETRY_MAX_BACKOFF", "200ms")));
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

  private static Alert firing(String name, String... labels) {
    Labels l = Labels.of(labels).with("alertname", name);
    return new Alert(
        AlertStatus.FIRING,
        l,
        Map.of("summary", name + " is on"),
        Instant.now(),
        null,
        "http://rules.test/graph");
  }

  private static void produce(Alert a) throws Exception {
    producer.send(new ProducerRecord<>(Topics.ALERTS, a.fingerprint(), AlertCodec.encode(a))).get();
  }

  private static List<Received> receivedFor(String alertname) {
    return RECEIVED.stream()
        .filter(
            r -> r.body().getJsonObject("groupLabels").getString("alertname", "").equals(alertname))
        .toList();
  }

  private static String get(String path) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + verticle.httpPort() + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.body();
  }

  @Test
  @DisplayName(
      "a firing event is delivered once as a version 4 payload, and its resolution once more")
  void firingThenResolved() throws Exception {
    Alert a = firing("ITDiskFull", "instance", "db1", "severity", "warning");
    produce(a);
    List<Received> first =
        Eventually.await(
            WAIT,
            "firing delivery",
            () -> {
              List<Received> r = receivedFor("ITDiskFull");
              return r.isEmpty() ? null : r;
            });
    JsonObject body = first.get(0).body();
    assertThat(first.get(0).path()).isEqualTo("/hook");
    assertThat(body.getString("version")).isEqualTo("4");
    assertThat(body.getString("status")).isEqualTo("firing");
    assertThat(body.getString("receiver")).isEqualTo("hook");
    assertThat(body.getString("groupKey")).isEqualTo("{}:{alertname=\"ITDiskFull\"}");
    assertThat(body.getInteger("truncatedAlerts")).isZero();
    assertThat(body.getString("externalURL")).isEqualTo("http://notifier.test:8082");
    assertThat(body.getJsonObject("commonLabels").getMap())
        .containsEntry("instance", "db1")
        .containsEntry("severity", "warning");
    assertThat(body.getJsonObject("commonAnnotations").getString("summary"))
        .isEqualTo("ITDiskFull is on");
    assertThat(body.getJsonArray("alerts")).hasSize(1);
    JsonObject alert = body.getJsonArray("alerts").getJsonObject(0);
    assertThat(alert.getString("fingerprint")).isEqualTo(a.fingerprint());
    assertThat(alert.getString("status")).isEqualTo("firing");
    assertThat(alert.getString("endsAt")).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(alert.getString("generatorURL")).isEqualTo("http://rules.test/graph");

    // the same event again (a redelivery) must not notify again
    produce(a);
    produce(
        new Alert(
            AlertStatus.RESOLVED,
            a.labels(),
            a.annotations(),
            a.startsAt(),
            Instant.now(),
            a.generatorUrl()));
    Eventually.assertThat(WAIT, () -> assertThat(receivedFor("ITDiskFull")).hasSize(2));
    JsonObject resolved = receivedFor("ITDiskFull").get(1).body();
    assertThat(resolved.getString("status")).isEqualTo("resolved");
    assertThat(resolved.getJsonArray("alerts").getJsonObject(0).getString("status"))
        .isEqualTo("resolved");
    assertThat(receivedFor("ITDiskFull"))
        .extracting(r -> r.body().getString("status"))
        .containsExactly("firing", "resolved");
  }

  @Test
  @DisplayName("a target answering 503 twice gets the notification on the third attempt")
  void retriesUntilDelivered() throws Exception {
    FAILURES.put("/flaky", new AtomicInteger(2));
    produce(firing("ITFlaky", "target", "flaky"));
    Eventually.assertThat(
        WAIT,
        () ->
            assertThat(receivedFor("ITFlaky"))
                .extracting(Received::status)
                .containsExactly(503, 503, 200));
    assertThat(receivedFor("ITFlaky")).allSatisfy(r -> assertThat(r.path()).isEqualTo("/flaky"));
    Eventually.assertThat(
        WAIT,
        () -> {
          try {
            String metrics = get("/metrics");
            assertThat(metrics)
                .contains(
                    "notifier_notification_retries_total{integration=\"webhook\",receiver=\"flaky\",service=\"notifier\"}");
            assertThat(metrics)
                .containsPattern(
                    "notifier_notifications_total\\{integration=\"webhook\",receiver=\"flaky\",service=\"notifier\"} [1-9]");
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  @DisplayName("offsets are committed once events are handled, undecodable records included")
  void commitsAfterDelivery() throws Exception {
    producer.send(new ProducerRecord<>(Topics.ALERTS, "junk", "{not json")).get();
    produce(firing("ITCommit"));
    Eventually.assertThat(WAIT, () -> assertThat(receivedFor("ITCommit")).hasSize(1));
    AlertOffsets.awaitCommitted(kafka.bootstrapServers(), WAIT);
    String metrics = get("/metrics");
    assertThat(metrics)
        .containsPattern("notifier_alerts_invalid_total\\{service=\"notifier\"} [1-9]");
    assertThat(metrics)
        .containsPattern(
            "notifier_alerts_received_total\\{service=\"notifier\",status=\"firing\"} [1-9]");
    assertThat(get("/health/ready")).contains("\"kafka\":\"UP\"");
  }

  @Test
  @DisplayName("the groups API lists the current aggregation groups")
  void groupsApi() throws Exception {
    produce(firing("ITGroups", "instance", "web1"));
    Eventually.assertThat(
        WAIT,
        () -> {
          try {
            assertThat(get("/api/v1/groups"))
                .contains("{}:{alertname=\\\"ITGroups\\\"}")
                .contains("\"receiver\":\"hook\"");
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }
}
