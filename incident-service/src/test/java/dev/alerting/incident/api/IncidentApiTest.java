package dev.alerting.incident.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.incident.IncidentMetrics;
import dev.alerting.incident.Incidents;
import dev.alerting.incident.lifecycle.Correlation;
import dev.alerting.incident.store.IncidentStore;
import dev.alerting.incident.store.JdbcIncidentStore;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.platform.http.Health;
import dev.alerting.platform.http.ServerOptions;
import dev.alerting.platform.http.ServiceMetrics;
import dev.alerting.platform.http.ServiceRouter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The REST API over a real H2 store, without Kafka: status codes, problems and JSON shape. */
@DisplayName("Incident REST API")
class IncidentApiTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Vertx vertx;
  private static IncidentStore store;
  private static HttpServer server;
  private static long openId;
  private static long resolvedId;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    store = JdbcIncidentStore.open(ApiServer.h2("api"));
    openId = open("ApiOpen");
    resolvedId = open("ApiResolved");
    PrometheusMeterRegistry registry = ServiceMetrics.registry("incident-service");
    Router router = ServiceRouter.create(vertx, new Health(), registry);
    new IncidentApi(new Incidents(vertx, store, new IncidentMetrics(registry), Clock.systemUTC()))
        .mount(router);
    server = vertx.createHttpServer(ServerOptions.http1()).requestHandler(router).listen(0).await();
    post(
        "/api/v1/incidents/" + resolvedId + "/resolve",
        "{\"by\":\"bob\",\"message\":\"rolled back\"}");
    post("/api/v1/incidents/" + resolvedId + "/resolve", "{\"by\":\"bob\",\"message\":\"again\"}");
  }

  private static long open(String name) {
    Alert a =
        new Alert(
            AlertStatus.FIRING,
            Labels.of("alertname", name, "env", "prod"),
            Map.of(),
            Instant.parse("2025-01-01T00:00:00Z"),
            null,
            "");
    return ((Correlation.Opened) store.applyAlert(a, Instant.now())).incident().id();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    store.close();
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of("GET", "/api/v1/incidents/abc", "", "id"),
        Arguments.of("GET", "/api/v1/incidents/-1", "", "id"),
        Arguments.of("GET", "/api/v1/incidents?limit=0", "", "limit"),
        Arguments.of("GET", "/api/v1/incidents?limit=501", "", "limit"),
        Arguments.of("GET", "/api/v1/incidents?offset=-3", "", "offset"),
        Arguments.of("GET", "/api/v1/incidents?status=closed", "", "status"),
        Arguments.of("GET", "/api/v1/incidents?label=env", "", "label"),
        Arguments.of("POST", "/api/v1/incidents/x/acknowledge", "", "id"),
        Arguments.of("POST", "/api/v1/incidents/{open}/acknowledge", "{\"by\":42}", "by"),
        Arguments.of("POST", "/api/v1/incidents/{open}/resolve", "[1]", "body"),
        Arguments.of("POST", "/api/v1/incidents/{open}/assign", "{}", "assignee"));
  }

  @ParameterizedTest(name = "{0} {1} {2} → 400 naming {3}")
  @MethodSource("badRequests")
  @DisplayName("bad input is a 400 problem naming the parameter")
  void badInput(String method, String path, String body, String parameter) {
    String p = path.replace("{open}", String.valueOf(openId));
    HttpResponse<String> r = method.equals("GET") ? get(p) : post(p, body);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(
            new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0).getString("parameter"))
        .isEqualTo(parameter);
  }

  @Test
  @DisplayName("a missing incident is a 404 problem, for reads and actions alike")
  void notFound() {
    assertThat(get("/api/v1/incidents/987654").statusCode()).isEqualTo(404);
    HttpResponse<String> r = post("/api/v1/incidents/987654/resolve", "");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(r.body()).getString("detail")).contains("987654");
  }

  @Test
  @DisplayName("acknowledging a resolved incident is a 409 problem that says why")
  void conflict() {
    HttpResponse<String> r =
        post("/api/v1/incidents/" + resolvedId + "/acknowledge", "{\"by\":\"alice\"}");

    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(r.body()).getString("detail"))
        .contains("is resolved and cannot be acknowledged");
  }

  @Test
  @DisplayName("resolve records the caller and message once, even when repeated")
  void resolveOnce() {
    JsonObject i = new JsonObject(get("/api/v1/incidents/" + resolvedId).body());

    assertThat(i.getString("status")).isEqualTo("resolved");
    assertThat(i.getJsonArray("timeline")).hasSize(2);
    assertThat(i.getJsonArray("timeline").getJsonObject(1).getMap())
        .containsEntry("actor", "bob")
        .containsEntry("message", "rolled back");
  }

  @Test
  @DisplayName("assign sets the assignee with a timeline entry, and the listing filters on it")
  void assign() {
    HttpResponse<String> r =
        post("/api/v1/incidents/" + openId + "/assign", "{\"assignee\":\"alice\",\"by\":\"lead\"}");
    JsonObject page =
        new JsonObject(get("/api/v1/incidents?assignee=alice&status=open,acknowledged").body());

    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject i = new JsonObject(r.body());
    assertThat(i.getString("assignee")).isEqualTo("alice");
    assertThat(i.getJsonArray("timeline").getJsonObject(1).getMap())
        .containsEntry("type", "assigned")
        .containsEntry("actor", "lead")
        .containsEntry("message", "assigned to alice");
    assertThat(page.getLong("total")).isEqualTo(1);
    assertThat(page.getJsonArray("items").getJsonObject(0).getString("id"))
        .isEqualTo(String.valueOf(openId));
  }

  @Test
  @DisplayName("the listing answers items, total, limit and offset, newest first")
  void listingShape() {
    JsonObject page = new JsonObject(get("/api/v1/incidents?label=env:prod&limit=1").body());

    assertThat(page.fieldNames()).containsExactlyInAnyOrder("items", "total", "limit", "offset");
    assertThat(page.getLong("total")).isEqualTo(2);
    assertThat(page.getInteger("limit")).isEqualTo(1);
    assertThat(page.getInteger("offset")).isZero();
    assertThat(page.getJsonArray("items").getJsonObject(0).getString("id"))
        .isEqualTo(String.valueOf(resolvedId));
  }

  private static HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  private static HttpResponse<String> post(String path, String body) {
    return send(
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static URI uri(String path) {
    return URI.create("http://localhost:" + server.actualPort() + path);
  }

  private static HttpResponse<String> send(HttpRequest r) {
    try {
      return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
