package dev.alerting.incident.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.alerting.incident.IncidentMetrics;
import dev.alerting.incident.Incidents;
import dev.alerting.incident.OnCall;
import dev.alerting.incident.config.OnCallConfigParser;
import dev.alerting.incident.config.OnCallSource;
import dev.alerting.incident.lifecycle.Correlation;
import dev.alerting.incident.store.JdbcIncidentStore;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.platform.codec.Json;
import dev.alerting.platform.http.Health;
import dev.alerting.platform.http.ServerOptions;
import dev.alerting.platform.http.ServiceMetrics;
import dev.alerting.platform.http.ServiceRouter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the OpenAPI document is called, and every answer — status, content type and
 * body — is validated against what the document says for that path, method and status (JSON Schema
 * 2020-12, as OpenAPI 3.1 defines). An undocumented status or an extra field fails the test.
 */
@DisplayName("Answers validate against GET /openapi.json")
class OpenApiContractTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static Vertx vertx;
  private static JdbcIncidentStore store;
  private static HttpServer server;
  private static JsonNode doc;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    OnCallSource source =
        OnCallSource.of(
            OnCallConfigParser.parse(
                """
                users: [{name: alice, receiver: alice-pager}, {name: bob, receiver: bob-pager}]
                schedules:
                  - name: primary
                    rotations: [{users: [alice, bob], start: 2026-01-05T09:00, shift: 1w}]
                escalation_policies:
                  - name: critical
                    matchers: ['severity="critical"']
                    steps: [{after: 0s, notify: [schedule/primary]}, {after: 5m, notify: [user/bob]}]
                """,
                "contract.yml"));
    store = JdbcIncidentStore.open(ApiServer.h2("contract"), source, Clock.systemUTC());
    PrometheusMeterRegistry registry = ServiceMetrics.registry("incident-service");
    Router router = ServiceRouter.create(vertx, new Health(), registry);
    new OpenApiDocument().mount(router);
    new IncidentStream(vertx, store).mount(router);
    new IncidentApi(new Incidents(vertx, store, new IncidentMetrics(registry), Clock.systemUTC()))
        .mount(router);
    new OnCallApi(new OnCall(vertx, source, store.paging(), Clock.systemUTC()), Clock.systemUTC())
        .mount(router);
    server = vertx.createHttpServer(ServerOptions.http1()).requestHandler(router).listen(0).await();
    doc = Json.MAPPER.readTree(send("GET", "/openapi.json", null).body());
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    store.close();
  }

  /** One call: the documented path it exercises, and the status it must get. */
  record Call(String method, String template, String path, String body, int status) {}

  @Test
  @DisplayName("every endpoint's answers, success and error, match the document")
  void everyAnswerMatches() throws Exception {
    long a = open("ContractA", "critical");
    long b = open("ContractB", "warning");
    long c = open("ContractC", "warning");
    store.paging().fireDue(Instant.now(), 10);
    String id = "/api/v1/incidents/{id}";
    String shifts = "/api/v1/schedules/{name}/shifts";
    String overrides = "/api/v1/schedules/{name}/overrides";
    List<Call> calls =
        List.of(
            new Call("GET", "/api/v1/incidents", "/api/v1/incidents?limit=2", null, 200),
            new Call("GET", "/api/v1/incidents", "/api/v1/incidents?limit=0", null, 400),
            new Call("GET", id, "/api/v1/incidents/" + a, null, 200),
            new Call("GET", id, "/api/v1/incidents/x", null, 400),
            new Call("GET", id, "/api/v1/incidents/99999", null, 404),
            new Call("POST", id + "/resolve", "/api/v1/incidents/" + c + "/resolve", "{}", 200),
            new Call(
                "POST",
                id + "/acknowledge",
                "/api/v1/incidents/" + a + "/acknowledge",
                "{\"by\":\"alice\"}",
                200),
            new Call(
                "POST", id + "/acknowledge", "/api/v1/incidents/" + c + "/acknowledge", "", 409),
            new Call(
                "POST",
                id + "/assign",
                "/api/v1/incidents/" + b + "/assign",
                "{\"assignee\":\"bob\"}",
                200),
            new Call("POST", id + "/assign", "/api/v1/incidents/" + b + "/assign", "{}", 400),
            new Call(
                "POST",
                id + "/notes",
                "/api/v1/incidents/" + b + "/notes",
                "{\"text\":\"looking\"}",
                201),
            new Call(
                "POST",
                id + "/merge",
                "/api/v1/incidents/" + a + "/merge",
                "{\"into\":" + b + "}",
                200),
            new Call(
                "POST",
                id + "/merge",
                "/api/v1/incidents/" + a + "/merge",
                "{\"into\":99999}",
                404),
            new Call(
                "GET",
                "/api/v1/incidents/stream",
                "/api/v1/incidents/stream?lastEventId=x",
                null,
                400),
            new Call("GET", "/api/v1/oncall", "/api/v1/oncall?at=2026-02-02T10:00:00Z", null, 200),
            new Call("GET", "/api/v1/oncall", "/api/v1/oncall?at=soon", null, 400),
            new Call("POST", "/api/v1/oncall/reload", "/api/v1/oncall/reload", null, 200),
            new Call(
                "GET",
                shifts,
                "/api/v1/schedules/primary/shifts?from=2026-02-01T00:00:00Z&to=2026-02-10T00:00:00Z",
                null,
                200),
            new Call("GET", shifts, "/api/v1/schedules/primary/shifts", null, 400),
            new Call(
                "GET",
                shifts,
                "/api/v1/schedules/none/shifts?from=2026-02-01T00:00:00Z&to=2026-02-02T00:00:00Z",
                null,
                404),
            new Call(
                "POST",
                overrides,
                "/api/v1/schedules/primary/overrides",
                "{\"user\":\"bob\",\"start\":\"2026-02-03T00:00:00Z\",\"end\":\"2026-02-04T00:00:00Z\"}",
                201),
            new Call(
                "POST", overrides, "/api/v1/schedules/primary/overrides", "{\"user\":\"x\"}", 400),
            new Call("POST", overrides, "/api/v1/schedules/none/overrides", "{}", 404),
            new Call(
                "GET", "/api/v1/escalation-policies", "/api/v1/escalation-policies", null, 200));

    List<String> violations = new ArrayList<>();
    Set<String> exercised = new TreeSet<>();
    for (Call call : calls) {
      HttpResponse<String> r = send(call.method, call.path, call.body);
      exercised.add(call.method.toLowerCase() + " " + call.template);
      if (r.statusCode() != call.status) {
        violations.add(call + " answered " + r.statusCode() + ": " + r.body());
        continue;
      }
      violations.addAll(validate(call, r));
    }

    assertThat(violations).isEmpty();
    Set<String> documented = new TreeSet<>();
    doc.path("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(m -> documented.add(m + " " + p.getKey())));
    documented.remove("get /api/v1/incidents/stream");
    exercised.remove("get /api/v1/incidents/stream");
    assertThat(exercised).isEqualTo(documented);
  }

  @Test
  @DisplayName("the document is OpenAPI 3.1 and its schemas compile")
  void documentIsOpenApi31() {
    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    doc.path("components")
        .path("schemas")
        .fieldNames()
        .forEachRemaining(n -> assertThat(schema(ref(n))).isNotNull());
  }

  private static List<String> validate(Call call, HttpResponse<String> r) {
    JsonNode response =
        doc.path("paths")
            .path(call.template)
            .path(call.method.toLowerCase())
            .path("responses")
            .path(Integer.toString(call.status));
    if (response.isMissingNode()) {
      return List.of(call + ": status not documented");
    }
    String type = r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
    JsonNode schema = response.path("content").path(type).path("schema");
    if (schema.isMissingNode()) {
      return List.of(call + ": content type " + type + " not documented");
    }
    List<String> out = new ArrayList<>();
    for (Error e : schema(schema).validate(r.body(), InputFormat.JSON)) {
      out.add(call.method + " " + call.path + " → " + call.status + ": " + e.getMessage());
    }
    return out;
  }

  /** A schema from the document, with the document's components as its {@code $defs}. */
  private static Schema schema(JsonNode fragment) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.set("$defs", doc.path("components").path("schemas"));
    root.setAll((ObjectNode) fragment);
    String text = Json.write(root).replace("#/components/schemas/", "#/$defs/");
    return SCHEMAS.getSchema(text, InputFormat.JSON);
  }

  private static JsonNode ref(String name) {
    return Json.MAPPER.createObjectNode().put("$ref", "#/components/schemas/" + name);
  }

  private static long open(String name, String severity) {
    Alert alert =
        new Alert(
            AlertStatus.FIRING,
            Labels.of("alertname", name, "severity", severity),
            Map.of("runbook_url", "https://runbooks/" + name),
            Instant.now(),
            null,
            "");
    return ((Correlation.Opened) store.applyAlert(alert, Instant.now())).incident().id();
  }

  private static HttpResponse<String> send(String method, String path, String body) {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + server.actualPort() + path))
              .method(method, publisher)
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
