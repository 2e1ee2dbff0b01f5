package dev.alerting.incident;

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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The service end to end against a real in-process broker and an in-memory H2 store, as a timeline:
 * an alert fires, a person acknowledges, the alert resolves, everything is redelivered.
 */
@DisplayName("Incident service against Kafka and H2")
// the lifecycle test counts metrics from a fresh service, so it runs first
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class IncidentServiceIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static EmbeddedKafka kafka;
  private static Vertx vertx;
  private static IncidentVerticle service;
  private static KafkaProducer<String, String> producer;
  private static int produced;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    Settings settings =
        Settings.of(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(),
                "KAFKA_TOPIC_PARTITIONS",
                "2",
                "INCIDENT_HTTP_PORT",
                "0",
                "INCIDENT_DB_URL",
                "jdbc:h2:mem:it-"
                    + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"));
    vertx = Vertx.vertx();
    service = new IncidentVerticle(IncidentConfig.from(settings));
    vertx.deployVerticle(service).await();
    producer =
        new KafkaProducer<>(
            kafka(settings).producer("it-producer").entrySet().stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, e -> (Object) e.getValue())));
  }

  private static dev.alerting.platform.kafka.KafkaSettings kafka(Settings s) {
    return s.kafka();
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

  @Test
  @org.junit.jupiter.api.Order(1)
  @DisplayName(
      "fire → open; acknowledge → acknowledged; resolve event → auto-resolved; redelivery changes nothing; offsets committed")
  void lifecycleOverKafka() throws Exception {
    Labels labels =
        Labels.of("alertname", "CheckoutErrors", "severity", "critical", "service", "checkout");
    Instant startsAt = Instant.parse("2025-05-01T12:00:00Z");
    Alert firing =
        new Alert(
            AlertStatus.FIRING, labels, Map.of("summary", "5xx above 5%"), startsAt, null, "");
    Alert resolved =
        new Alert(
            AlertStatus.RESOLVED,
            labels,
            firing.annotations(),
            startsAt,
            startsAt.plusSeconds(600),
            "");

    // t1: the alert fires
    send(AlertCodec.encode(firing), firing.fingerprint());
    JsonObject open =
        Eventually.await(WAIT, "an open incident", () -> onlyIncident("service:checkout", "open"));
    assertThat(open.getString("title")).isEqualTo("CheckoutErrors: 5xx above 5%");
    assertThat(open.getString("severity")).isEqualTo("critical");
    assertThat(open.getJsonArray("alerts").getJsonObject(0).getString("fingerprint"))
        .isEqualTo(firing.fingerprint());
    assertThat(open.getString("acknowledgedAt")).isNull();
    assertThat(open.fieldNames())
        .containsExactlyInAnyOrder(
            "id",
            "title",
            "status",
            "severity",
            "labels",
            "alerts",
            "timeline",
            "createdAt",
            "acknowledgedAt",
            "resolvedAt",
            "assignee",
            "runbooks");
    String id = open.getString("id");

    // t2: a person acknowledges (twice: the second is a no-op)
    HttpResponse<String> ack =
        post("/api/v1/incidents/" + id + "/acknowledge", "{\"by\":\"alice\"}");
    post("/api/v1/incidents/" + id + "/acknowledge", "{\"by\":\"alice\"}");
    JsonObject acked = new JsonObject(ack.body());
    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(acked.getString("status")).isEqualTo("acknowledged");
    assertThat(acked.getString("acknowledgedAt")).isNotNull();
    assertThat(last(acked)).containsEntry("type", "acknowledged").containsEntry("actor", "alice");
    assertThat(incident(id).getJsonArray("timeline")).hasSize(2);

    // t3: the alert resolves
    send(AlertCodec.encode(resolved), resolved.fingerprint());
    JsonObject done =
        Eventually.await(
            WAIT, "a resolved incident", () -> onlyIncident("service:checkout", "resolved"));
    assertThat(done.getString("resolvedAt")).isNotNull();
    assertThat(last(done))
        .containsEntry("type", "resolved")
        .containsEntry("actor", "system")
        .containsEntry("message", "alert resolved");

    // t4: both events redelivered, plus one record that is not an alert
    send(AlertCodec.encode(firing), firing.fingerprint());
    send(AlertCodec.encode(resolved), resolved.fingerprint());
    send("{not json", firing.fingerprint());
    Eventually.assertThat(WAIT, () -> assertThat(committed()).isEqualTo(produced));
    assertThat(list("label=service:checkout").getLong("total")).isEqualTo(1);
    assertThat(incident(id)).isEqualTo(done);
    String metrics = get("/metrics").body();
    assertThat(metrics).contains("incidents_opened_total{service=\"incident-service\"} 1.0");
    assertThat(metrics).contains("incidents_acknowledged_total{service=\"incident-service\"} 1.0");
    assertThat(metrics)
        .contains("incidents_resolved_total{by=\"system\",service=\"incident-service\"} 1.0");
    assertThat(metrics)
        .contains("incident_alert_events_invalid_total{service=\"incident-service\"} 1.0");
    assertThat(metrics)
        .contains(
            "incident_alert_events_total{service=\"incident-service\",status=\"firing\"} 2.0");
    assertThat(metrics)
        .contains(
            "incident_alert_events_ignored_total{reason=\"duplicate\",service=\"incident-service\"} 2.0");
    assertThat(metrics)
        .contains("incident_time_to_acknowledge_seconds_count{service=\"incident-service\"} 1")
        .contains("incident_time_to_resolve_seconds_count{service=\"incident-service\"} 1")
        .contains("incident_time_to_resolve_seconds_bucket{service=\"incident-service\",le=");

    // and the API refuses what the lifecycle forbids
    HttpResponse<String> conflict = post("/api/v1/incidents/" + id + "/acknowledge", "");
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    assertThat(get("/health/ready").body())
        .contains("\"kafka\":\"UP\"")
        .contains("\"store\":\"UP\"");
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  @DisplayName(
      "a 10 000-character label value neither stalls nor crashes the consumer: the alert after it"
          + " becomes an incident too")
  void hugeLabelDoesNotStall() throws Exception {
    String huge = "v".repeat(10_000);
    Alert big =
        new Alert(
            AlertStatus.FIRING,
            Labels.of("alertname", "HugeLabel", "detail", huge),
            Map.of("summary", "s".repeat(20_000)),
            Instant.parse("2025-05-02T12:00:00Z"),
            null,
            "");
    Alert next =
        new Alert(
            AlertStatus.FIRING,
            Labels.of("alertname", "AfterHugeLabel"),
            Map.of(),
            Instant.parse("2025-05-02T12:00:01Z"),
            null,
            "");

    send(AlertCodec.encode(big), big.fingerprint());
    send(AlertCodec.encode(next), next.fingerprint());

    JsonObject after =
        Eventually.await(
            WAIT,
            "the incident after the huge one",
            () -> onlyIncident("alertname:AfterHugeLabel", "open"));
    JsonObject hugeIncident = onlyIncident("alertname:HugeLabel", "open");
    assertThat(after).isNotNull();
    assertThat(hugeIncident.getJsonObject("labels").getString("detail")).hasSize(10_000);
    assertThat(hugeIncident.getString("title")).hasSize(1024);
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    // both are open, without a severity label: the gauge counts them under "none"
    Eventually.assertThat(
        WAIT,
        () ->
            assertThat(get("/metrics").body())
                .contains("incidents_open{service=\"incident-service\",severity=\"none\"} 2.0"));
  }

  private static void send(String value, String key) throws Exception {
    producer.send(new ProducerRecord<>(Topics.ALERTS, key, value)).get();
    produced++;
  }

  /** Offsets committed by the incident-service group, summed over partitions. */
  private static long committed() {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      return admin
          .listConsumerGroupOffsets("incident-service")
          .partitionsToOffsetAndMetadata()
          .get()
          .values()
          .stream()
          .mapToLong(OffsetAndMetadata::offset)
          .sum();
    } catch (Exception e) {
      throw new AssertionError("cannot read committed offsets", e);
    }
  }

  private static JsonObject onlyIncident(String label, String status) {
    JsonArray items = list("label=" + label).getJsonArray("items");
    if (items.size() != 1 || !status.equals(items.getJsonObject(0).getString("status"))) {
      return null;
    }
    return items.getJsonObject(0);
  }

  private static Map<String, Object> last(JsonObject incident) {
    JsonArray t = incident.getJsonArray("timeline");
    return t.getJsonObject(t.size() - 1).getMap();
  }

  private static JsonObject list(String query) {
    return new JsonObject(get("/api/v1/incidents?" + query).body());
  }

  private static JsonObject incident(String id) {
    return new JsonObject(get("/api/v1/incidents/" + id).body());
  }

  private static HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  private static HttpResponse<String> post(String path, String body) {
    return send(
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static URI uri(String path) {
    return URI.create("http://localhost:" + service.httpPort() + path);
  }

  private static HttpResponse<String> send(HttpRequest r) {
    try {
      return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
