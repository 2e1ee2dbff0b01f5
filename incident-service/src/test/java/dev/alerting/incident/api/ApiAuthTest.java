package dev.alerting.incident.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.incident.IncidentConfig;
import dev.alerting.incident.config.OnCallConfigParser;
import dev.alerting.incident.config.OnCallSource;
import dev.alerting.incident.lifecycle.Correlation;
import dev.alerting.incident.store.JdbcIncidentStore;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.platform.http.AccessTokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** INCIDENT_AUTH_TOKENS on the real incident and on-call routes over H2, without Kafka. */
@DisplayName("Incident API authentication")
@Timeout(20)
class ApiAuthTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String READ = "read-token-0123456789";
  private static final String WRITE = "write-token-0123456789";
  private static final String FILE =
      """
      users:
        - {name: alice, receiver: alice-pager}
      schedules:
        - name: primary
          timezone: UTC
          rotations:
            - users: [alice]
              start: 2026-01-05T09:00
              shift: 1w
      """;
  private static Vertx vertx;
  private static JdbcIncidentStore store;
  private static int securedPort;
  private static int openPort;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    OnCallSource source = OnCallSource.of(OnCallConfigParser.parse(FILE, "oncall.yml"));
    store = JdbcIncidentStore.open(ApiServer.h2("auth"), source, Clock.systemUTC());
    AccessTokens tokens =
        AccessTokens.parse(IncidentConfig.AUTH_TOKENS, "read:" + READ + ",write:" + WRITE);
    securedPort = ApiServer.serve(vertx, store, source, tokens);
    openPort = ApiServer.serve(vertx, store, source, AccessTokens.OFF);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    store.close();
  }

  private static long open(String name) {
    Alert a =
        new Alert(
            AlertStatus.FIRING,
            Labels.of("alertname", name),
            Map.of(),
            Instant.parse("2025-01-01T00:00:00Z"),
            null,
            "");
    return ((Correlation.Opened) store.applyAlert(a, Instant.now())).incident().id();
  }

  @ParameterizedTest(name = "POST {0}")
  @ValueSource(
      strings = {
        "/api/v1/incidents/{id}/acknowledge",
        "/api/v1/incidents/{id}/resolve",
        "/api/v1/incidents/{id}/assign",
        "/api/v1/incidents/{id}/notes",
        "/api/v1/incidents/{id}/merge",
        "/api/v1/schedules/primary/overrides",
        "/api/v1/oncall/reload"
      })
  @DisplayName("every action: 401 without a token, 403 with a read token, nothing changed")
  void mutationsNeedWrite(String template) {
    long id = open("Guarded" + template.hashCode());
    String path = template.replace("{id}", String.valueOf(id));
    String body = "{\"by\":\"mallory\",\"assignee\":\"mallory\",\"message\":\"x\"}";

    HttpResponse<String> none = post(securedPort, path, body, null);
    HttpResponse<String> read = post(securedPort, path, body, READ);

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(none.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(read.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(read.body()).getString("detail")).contains("write is required");
    assertThat(incident(securedPort, id).getString("status")).isEqualTo("open");
  }

  @Test
  @DisplayName("a write token acknowledges; an unknown token is a 401")
  void writeTokenActs() {
    long id = open("Writable");
    String path = "/api/v1/incidents/" + id + "/acknowledge";

    assertThat(post(securedPort, path, "{\"by\":\"alice\"}", "not-a-known-token-000").statusCode())
        .isEqualTo(401);
    assertThat(post(securedPort, path, "{\"by\":\"alice\"}", WRITE).statusCode()).isEqualTo(200);
    assertThat(incident(securedPort, id).getString("status")).isEqualTo("acknowledged");
  }

  @Test
  @DisplayName("reads stay open without a token")
  void readsOpen() {
    long id = open("Readable");
    assertThat(get(securedPort, "/api/v1/incidents").statusCode()).isEqualTo(200);
    assertThat(get(securedPort, "/api/v1/incidents/" + id).statusCode()).isEqualTo(200);
    assertThat(get(securedPort, "/api/v1/oncall").statusCode()).isEqualTo(200);
    assertThat(get(securedPort, "/api/v1/escalation-policies").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("auth off (no tokens): actions work without a token, as before")
  void offUnchanged() {
    long id = open("Unguarded");
    assertThat(
            post(openPort, "/api/v1/incidents/" + id + "/acknowledge", "{\"by\":\"a\"}", null)
                .statusCode())
        .isEqualTo(200);
    assertThat(incident(openPort, id).getString("status")).isEqualTo("acknowledged");
  }

  private static JsonObject incident(int port, long id) {
    HttpResponse<String> r = get(port, "/api/v1/incidents/" + id);
    assertThat(r.statusCode()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  private static HttpResponse<String> get(int port, String path) {
    return send(HttpRequest.newBuilder(uri(port, path)).GET().build());
  }

  private static HttpResponse<String> post(int port, String path, String body, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(port, path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
