package dev.alerting.launcher.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.launcher.AlertingStack;
import dev.alerting.launcher.Service;
import dev.alerting.platform.codec.Json;
import dev.alerting.platform.config.Settings;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.Eventually;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /health}, {@code /health/detailed} and {@code /api/v1/errors} of the four services, with
 * everything up, then with the incident database stopped, then with the broker stopped. The
 * database is an H2 server reached over TCP, so stopping it is what stopping PostgreSQL is to the
 * incident service: its connections fail.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthErrorsIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static EmbeddedKafka kafka;
  private static Server database;
  private static AlertingStack stack;

  record Answer(int status, JsonNode body) {}

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    database = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    Map<String, String> m = new HashMap<>(Service.freePorts());
    m.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    m.put(
        "INCIDENT_DB_URL",
        "jdbc:h2:tcp://localhost:"
            + database.getPort()
            + "/mem:health;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    m.put("INCIDENT_RETRY_BACKOFF", "200ms");
    stack = AlertingStack.start(Settings.of(m), 0);
  }

  @AfterAll
  @Timeout(120)
  static void stop() {
    if (stack != null) {
      stack.close();
    }
    if (database != null) {
      database.stop();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  @Order(1)
  @DisplayName(
      "with everything up, /health of every service is UP with version, uptime and components")
  void allUp() {
    for (Service s : Service.values()) {
      Answer a = get(stack.url(s) + "/health");
      assertThat(a.status()).as(s.displayName()).isEqualTo(200);
      assertThat(a.body().path("status").asText()).isEqualTo("UP");
      assertThat(a.body().path("version").asText()).isNotBlank();
      assertThat(a.body().path("uptime").isNumber()).isTrue();
      assertThat(a.body().path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
      assertThat(a.body().path("components").path("kafka").asText()).isEqualTo("UP");
    }
    assertThat(
            get(stack.url(Service.INCIDENTS) + "/health")
                .body()
                .path("components")
                .path("store")
                .asText())
        .isEqualTo("UP");
  }

  @Test
  @Order(2)
  @DisplayName(
      "/health/detailed lists each check's response time, the store's pool use, the service's Kafka clients with group, lag and last poll, memory and request rate")
  void detailed() {
    String rules = stack.url(Service.RULES);
    Eventually.assertThat(
        WAIT,
        () -> {
          JsonNode c = get(rules + "/health/detailed").body().path("components");
          assertThat(c.path("kafka").path("status").asText()).isEqualTo("UP");
          assertThat(c.path("kafka").path("response_time_ms").isNumber()).isTrue();
          JsonNode consumer = c.path("kafka_clients").path("rule-engine");
          assertThat(consumer.path("kind").asText()).isEqualTo("consumer");
          assertThat(consumer.path("last_poll_seconds_ago").isNumber()).isTrue();
          assertThat(c.path("memory").path("used_mb").asLong()).isPositive();
          assertThat(c.path("requests").path("requests").asLong()).isPositive();
        });
    Eventually.assertThat(
        WAIT,
        () -> {
          JsonNode c =
              get(stack.url(Service.INCIDENTS) + "/health/detailed").body().path("components");
          JsonNode pool = c.path("store").path("pool");
          assertThat(pool.path("total").asInt()).isPositive();
          assertThat(pool.path("max").asInt()).isEqualTo(4);
          assertThat(pool.path("active").asInt()).isBetween(0, pool.path("total").asInt());
          assertThat(pool.path("idle").asInt()).isBetween(0, pool.path("total").asInt());
          assertThat(pool.path("pending").isInt()).isTrue();
          JsonNode consumer = c.path("kafka_clients").path("incident-service");
          assertThat(consumer.path("group").asText()).isEqualTo("incident-service");
          assertThat(consumer.path("last_poll_seconds_ago").asDouble()).isLessThan(60);
          assertThat(consumer.path("records_lag_max").isNumber()).isTrue();
        });
    JsonNode ingest = get(stack.url(Service.INGEST) + "/health/detailed").body().path("components");
    assertThat(ingest.path("kafka_clients").path("metrics-ingest (producer)").path("kind").asText())
        .isEqualTo("producer");
    assertThat(ingest.path("kafka_clients").fieldNames())
        .toIterable()
        .allMatch(n -> n.startsWith("metrics-ingest"));
  }

  @Test
  @Order(3)
  @DisplayName("rejected pushes show up in the ingest's /api/v1/errors by type and severity")
  void rejectedPushes() {
    String ingest = stack.url(Service.INGEST);
    post(
        ingest + "/api/v1/samples",
        "[{\"name\":\"9bad\",\"labels\":{},\"value\":1},{\"name\":\"x\",\"labels\":{},\"value\":\"y\"}]");
    JsonNode errors = get(ingest + "/api/v1/errors").body();
    assertThat(errors.path("by_type").path("rejected_push").path("low").asLong()).isEqualTo(2);
    assertThat(errors.path("total_errors_last_hour").asLong()).isEqualTo(2);
    assertThat(errors.path("recent_errors").get(0).path("message").asText()).contains("reason=");
    assertThat(
            get(stack.url(Service.NOTIFIER) + "/api/v1/errors")
                .body()
                .path("total_errors_last_hour")
                .asLong())
        .isZero();
  }

  @Test
  @Order(4)
  @DisplayName(
      "with the database stopped, the incident service's /health is DOWN naming the store, and the failure is in /api/v1/errors")
  void databaseDown() {
    database.stop();
    String incidents = stack.url(Service.INCIDENTS);
    Eventually.assertThat(
        WAIT,
        () -> {
          Answer a = get(incidents + "/health");
          assertThat(a.status()).isEqualTo(503);
          assertThat(a.body().path("components").path("store").asText()).isEqualTo("DOWN");
          assertThat(a.body().path("components").path("kafka").asText()).isEqualTo("UP");
        });
    JsonNode store = get(incidents + "/health/detailed").body().path("components").path("store");
    assertThat(store.path("status").asText()).isEqualTo("DOWN");
    assertThat(store.path("error").asText()).isNotBlank();
    JsonNode errors = get(incidents + "/api/v1/errors").body();
    assertThat(errors.path("by_type").path("store_unavailable").path("critical").asLong())
        .isPositive();
    assertThat(get(stack.url(Service.RULES) + "/health").status()).isEqualTo(200);
  }

  @Test
  @Order(5)
  @DisplayName("with the broker stopped, every service's /health is DOWN naming kafka")
  void brokerDown() {
    kafka.close();
    kafka = null;
    for (Service s : Service.values()) {
      Eventually.assertThat(
          WAIT,
          () -> {
            Answer a = get(stack.url(s) + "/health");
            assertThat(a.status()).as(s.displayName()).isEqualTo(503);
            assertThat(a.body().path("components").path("kafka").asText()).isEqualTo("DOWN");
          });
      assertThat(
              get(stack.url(s) + "/api/v1/errors")
                  .body()
                  .path("by_type")
                  .path("kafka_unavailable")
                  .path("critical")
                  .asLong())
          .as(s.displayName())
          .isPositive();
    }
  }

  private static Answer get(String url) {
    return send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build());
  }

  private static Answer post(String url, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private static Answer send(HttpRequest req) {
    try {
      HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
      return new Answer(
          r.statusCode(),
          r.body().isEmpty() ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(r.body()));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
