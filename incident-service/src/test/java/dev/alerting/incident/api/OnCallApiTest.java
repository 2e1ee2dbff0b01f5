package dev.alerting.incident.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.incident.config.OnCallConfigParser;
import dev.alerting.incident.config.OnCallSource;
import dev.alerting.incident.lifecycle.Correlation;
import dev.alerting.incident.store.JdbcIncidentStore;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.platform.http.AccessTokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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

/** The on-call routes and the incident notes/merge routes over a real H2 store, without Kafka. */
@DisplayName("On-call REST API")
class OnCallApiTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String FILE =
      """
      users:
        - {name: alice, receiver: alice-pager}
        - {name: bob, receiver: bob-pager}
        - {name: carol, receiver: carol-pager}
      schedules:
        - name: primary
          timezone: Europe/Berlin
          rotations:
            - users: [alice, bob]
              start: 2026-01-05T09:00
              shift: 1w
        - name: weekdays
          timezone: Europe/Berlin
          rotations:
            - users: [carol]
              start: 2026-01-05T00:00
              shift: 1w
              restrictions:
                - {days: [mon-fri], from: "09:00", to: "17:00"}
      escalation_policies:
        - name: critical
          matchers: ['severity="critical"']
          steps:
            - {after: 0s, notify: [schedule/primary]}
            - {after: 15m, notify: [user/carol]}
          repeat: 1
      """;
  private static Vertx vertx;
  private static JdbcIncidentStore store;
  private static int port;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    OnCallSource source = OnCallSource.of(OnCallConfigParser.parse(FILE, "oncall.yml"));
    store = JdbcIncidentStore.open(ApiServer.h2("oncall-api"), source, Clock.systemUTC());
    port = ApiServer.serve(vertx, store, source, AccessTokens.OFF);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    store.close();
  }

  @Test
  @DisplayName("GET /api/v1/oncall?at= answers per schedule the user and the shift's bounds")
  void whoIsOnCall() {
    JsonObject body = json(get("/api/v1/oncall?at=2026-01-13T10:00:00%2B01:00"));

    assertThat(body.getString("at")).isEqualTo("2026-01-13T09:00:00Z");
    assertThat(body.getJsonArray("oncall").getJsonObject(0).getMap())
        .containsEntry("schedule", "primary")
        .containsEntry("user", "bob")
        .containsEntry("start", "2026-01-12T08:00:00Z")
        .containsEntry("end", "2026-01-19T08:00:00Z");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  @DisplayName("GET /api/v1/oncall?at= follows a rotation's weekday 09:00–17:00 restriction")
  void restricted(String name, String at, String user, String start, String end) {
    JsonObject weekdays =
        json(get("/api/v1/oncall?at=" + at)).getJsonArray("oncall").stream()
            .map(JsonObject.class::cast)
            .filter(o -> o.getString("schedule").equals("weekdays"))
            .findFirst()
            .orElseThrow();

    assertThat(weekdays.getString("user")).isEqualTo(user);
    assertThat(weekdays.getString("start")).isEqualTo(start);
    assertThat(weekdays.getString("end")).isEqualTo(end);
  }

  static Stream<Arguments> restricted() {
    return Stream.of(
        Arguments.of(
            "Tuesday 10:00 CET: carol until 17:00",
            "2026-01-13T09:00:00Z",
            "carol",
            "2026-01-13T08:00:00Z",
            "2026-01-13T16:00:00Z"),
        Arguments.of("Tuesday 18:00 CET: nobody", "2026-01-13T17:00:00Z", null, null, null),
        Arguments.of("Saturday noon: nobody", "2026-01-17T11:00:00Z", null, null, null),
        Arguments.of(
            "Monday 09:00 CEST after the spring change",
            "2026-03-30T07:00:00Z",
            "carol",
            "2026-03-30T07:00:00Z",
            "2026-03-30T15:00:00Z"));
  }

  @Test
  @DisplayName("an override takes over the schedule for its period, and shows in the shifts")
  void overrides() {
    HttpResponse<String> created =
        post(
            "/api/v1/schedules/primary/overrides",
            "{\"user\":\"carol\",\"start\":\"2026-02-02T12:00:00Z\",\"end\":\"2026-02-02T18:00:00Z\"}");

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(json(created).getString("user")).isEqualTo("carol");
    assertThat(
            json(get("/api/v1/oncall?at=2026-02-02T13:00:00Z"))
                .getJsonArray("oncall")
                .getJsonObject(0)
                .getString("user"))
        .isEqualTo("carol");
    JsonArray shifts =
        json(get(
                "/api/v1/schedules/primary/shifts?from=2026-02-02T00:00:00Z"
                    + "&to=2026-02-03T00:00:00Z"))
            .getJsonArray("shifts");
    assertThat(shifts.stream().map(s -> ((JsonObject) s).getString("user")))
        .containsExactly("bob", "alice", "carol", "alice"); // Monday 09:00 CET hand-off
    assertThat(shifts.getJsonObject(2).getString("start")).isEqualTo("2026-02-02T12:00:00Z");
  }

  @Test
  @DisplayName("GET /api/v1/escalation-policies lists each policy with its steps")
  void policies() {
    JsonObject p =
        json(get("/api/v1/escalation-policies")).getJsonArray("policies").getJsonObject(0);

    assertThat(p.getString("name")).isEqualTo("critical");
    assertThat(p.getJsonArray("matchers").getString(0)).isEqualTo("severity=\"critical\"");
    assertThat(p.getJsonArray("steps").getJsonObject(1).getString("after")).isEqualTo("15m");
    assertThat(p.getJsonArray("steps").getJsonObject(1).getJsonArray("notify").getString(0))
        .isEqualTo("user/carol");
    assertThat(p.getInteger("repeat")).isEqualTo(1);
  }

  @Test
  @DisplayName("notes, merge and runbooks on incidents")
  void notesAndMerge() {
    long a = open("NoteA");
    long b = open("NoteB");

    HttpResponse<String> note =
        post("/api/v1/incidents/" + a + "/notes", "{\"by\":\"alice\",\"text\":\"restarted pod\"}");
    HttpResponse<String> merged = post("/api/v1/incidents/" + a + "/merge", "{\"into\":" + b + "}");

    assertThat(note.statusCode()).isEqualTo(201);
    assertThat(note.body()).contains("restarted pod").contains("\"type\":\"note\"");
    assertThat(merged.statusCode()).isEqualTo(200);
    JsonObject into = json(merged);
    assertThat(into.getString("id")).isEqualTo(String.valueOf(b));
    assertThat(into.getJsonArray("alerts")).hasSize(2);
    assertThat(into.getJsonArray("runbooks").getList())
        .containsExactly("https://runbooks/NoteB", "https://runbooks/NoteA");
    assertThat(json(get("/api/v1/incidents/" + a)).getString("status")).isEqualTo("resolved");
    assertThat(post("/api/v1/incidents/" + a + "/merge", "{\"into\":" + b + "}").statusCode())
        .isEqualTo(409);
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of("GET", "/api/v1/oncall?at=yesterday", "", 400, "at"),
        Arguments.of(
            "GET", "/api/v1/schedules/primary/shifts?from=2026-01-01T00:00:00Z", "", 400, "to"),
        Arguments.of(
            "GET",
            "/api/v1/schedules/primary/shifts?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z",
            "",
            400,
            "to"),
        Arguments.of(
            "GET",
            "/api/v1/schedules/nope/shifts?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z",
            "",
            404,
            null),
        Arguments.of(
            "POST",
            "/api/v1/schedules/primary/overrides",
            "{\"user\":\"zed\",\"start\":\"2026-01-01T00:00:00Z\",\"end\":\"2026-01-02T00:00:00Z\"}",
            400,
            "user"),
        Arguments.of(
            "POST",
            "/api/v1/schedules/primary/overrides",
            "{\"user\":\"bob\",\"start\":\"2026-01-02T00:00:00Z\",\"end\":\"2026-01-01T00:00:00Z\"}",
            400,
            "end"),
        Arguments.of("POST", "/api/v1/schedules/nope/overrides", "{}", 404, null),
        Arguments.of("POST", "/api/v1/incidents/1/notes", "{}", 400, "text"),
        Arguments.of("POST", "/api/v1/incidents/1/merge", "{\"into\":1}", 400, "into"),
        Arguments.of("POST", "/api/v1/incidents/1/merge", "{}", 400, "into"),
        Arguments.of("POST", "/api/v1/incidents/1/merge", "{\"into\":99999}", 404, null));
  }

  @ParameterizedTest(name = "{0} {1} → {3}")
  @MethodSource("badRequests")
  @DisplayName("bad input is a problem naming the parameter; unknown names are 404")
  void badInput(String method, String path, String body, int status, String parameter) {
    HttpResponse<String> r = method.equals("GET") ? get(path) : post(path, body);

    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
    if (parameter != null) {
      assertThat(json(r).getJsonArray("errors").getJsonObject(0).getString("parameter"))
          .isEqualTo(parameter);
    }
  }

  private static long open(String name) {
    Alert a =
        new Alert(
            AlertStatus.FIRING,
            Labels.of("alertname", name),
            Map.of("runbook_url", "https://runbooks/" + name),
            Instant.parse("2026-01-01T00:00:00Z"),
            null,
            "");
    return ((Correlation.Opened) store.applyAlert(a, Instant.now())).incident().id();
  }

  private static JsonObject json(HttpResponse<String> r) {
    return new JsonObject(r.body());
  }

  private static HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  private static HttpResponse<String> post(String path, String body) {
    return send(
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static HttpResponse<String> send(HttpRequest r) {
    try {
      return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
