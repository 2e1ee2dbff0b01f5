package dev.alerting.notify.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.notify.NotifierConfig;
import dev.alerting.notify.NotifierVerticle;
import dev.alerting.platform.config.Settings;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real amtool against the notifier. Expected outputs were taken from amtool 0.25 run against
 * the real Alertmanager 0.25 (Debian prometheus-alertmanager) on the same routing file: `config
 * routes test team=db` prints `db`; `alert query` lists only unmuted alerts, `-s` adds the silenced
 * ones with state `suppressed`; `silence import` of an exported silence whose original is expired
 * creates a new one.
 */
@DisplayName("amtool drives the notifier's Alertmanager API")
class AmtoolIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ROUTING =
      """
      time_intervals:
      - name: always
        time_intervals: [{times: [{start_time: '00:00', end_time: '24:00'}]}]
      - name: never
        time_intervals: [{years: ['1999']}]
      templates: ['it.tmpl']
      route:
        receiver: hook
        group_by: [team]
        group_wait: 100ms
        group_interval: 500ms
        repeat_interval: 1h
        routes:
        - matchers: ['team="db"']
          receiver: db
        - matchers: ['team="night"']
          receiver: hook
          mute_time_intervals: [always]
        - matchers: ['team="tmpl"']
          receiver: chat
      receivers:
      - name: hook
        webhook_configs:
        - url: http://127.0.0.1:%1$d/hook
      - name: db
        webhook_configs:
        - url: http://127.0.0.1:%1$d/db
      - name: chat
        slack_configs:
        - api_url: http://127.0.0.1:%1$d/chat
          text: '{{ template "it.text" . }}'
      """;

  private static final String TEMPLATE =
      "{{ define \"it.text\" }}%s {{ .GroupLabels.team }} {{ len .Alerts }}{{ end }}";

  private static Path template;
  private static EmbeddedKafka kafka;
  private static Vertx vertx;
  private static HttpServer sink;
  private static NotifierConfig config;
  private static NotifierVerticle notifier;
  private static String deployment;
  private static final List<JsonObject> RECEIVED = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Amtool.available(), "amtool is not installed");
    kafka = EmbeddedKafka.start();
    vertx = Vertx.vertx();
    sink =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            b -> {
                              RECEIVED.add(b.toJsonObject().put("path", req.path()));
                              req.response().end();
                            }))
            .listen(0)
            .await();
    template = Files.writeString(dir.resolve("it.tmpl"), TEMPLATE.formatted("v1"));
    Path routing =
        Files.writeString(dir.resolve("alertmanager.yml"), ROUTING.formatted(sink.actualPort()));
    config =
        NotifierConfig.from(
            Settings.of(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "NOTIFIER_HTTP_PORT", "0",
                    "NOTIFIER_CONFIG", routing.toString())));
    deploy();
  }

  private static void deploy() {
    notifier = new NotifierVerticle(config);
    deployment = vertx.deployVerticle(notifier).await();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static Amtool.Run amtool(String... args) {
    Amtool.Run r = Amtool.run(notifier.httpPort(), args);
    assertThat(r.exitCode()).as("amtool %s: %s", List.of(args), r.err()).isZero();
    return r;
  }

  /** Alert names in the payloads delivered to the hook receiver. */
  private static List<List<String>> hookPayloads() {
    return RECEIVED.stream()
        .filter(b -> b.getString("path").equals("/hook"))
        .map(
            b ->
                b.getJsonArray("alerts").stream()
                    .map(a -> ((JsonObject) a).getJsonObject("labels").getString("alertname"))
                    .sorted()
                    .toList())
        .toList();
  }

  @Test
  @DisplayName(
      "silence add / query / expire / import, alert query shows the muted alert suppressed, the"
          + " silence survives a restart, and the alert notifies once the silence is expired")
  void silenceLifecycle(@TempDir Path dir) throws Exception {
    String id =
        amtool("silence", "add", "alertname=Muted", "-c", "maintenance", "-d", "1h").out().trim();
    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(amtool("silence", "query", "-q", "alertname=Muted").out().trim()).isEqualTo(id);
    Path export = dir.resolve("silences.json");
    Files.writeString(export, amtool("silence", "query", "-o", "json", "alertname=Muted").out());
    JsonObject exported = new JsonArray(Files.readString(export)).getJsonObject(0);
    assertThat(exported.getJsonObject("status").getString("state")).isEqualTo("active");
    assertThat(exported.getString("comment")).isEqualTo("maintenance");

    amtool("alert", "add", "alertname=Muted", "team=ops");
    amtool("alert", "add", "alertname=Loud", "team=ops");
    Eventually.assertThat(WAIT, () -> assertThat(hookPayloads()).contains(List.of("Loud")));
    assertThat(amtool("alert", "query").out()).contains("Loud").doesNotContain("Muted");
    assertThat(amtool("alert", "query", "-s").out()).containsPattern("Muted .*suppressed");

    vertx.undeploy(deployment).await();
    deploy();
    assertThat(amtool("silence", "query", "-q", "alertname=Muted").out().trim()).isEqualTo(id);
    Eventually.assertThat(
        WAIT,
        () ->
            assertThat(amtool("alert", "query", "-s").out()).containsPattern("Muted .*suppressed"));
    assertThat(hookPayloads()).allSatisfy(p -> assertThat(p).doesNotContain("Muted"));

    amtool("silence", "expire", id);
    assertThat(amtool("silence", "query", "-q", "alertname=Muted").out().trim()).isEmpty();
    assertThat(amtool("silence", "query", "--expired", "-q", "alertname=Muted").out().trim())
        .isEqualTo(id);
    Eventually.assertThat(
        WAIT, () -> assertThat(hookPayloads()).contains(List.of("Loud", "Muted")));

    amtool("silence", "import", export.toString());
    String imported = amtool("silence", "query", "-q", "alertname=Muted").out().trim();
    assertThat(imported).matches("[0-9a-f-]{36}").isNotEqualTo(id);
    assertThat(amtool("alert", "query", "-s").out()).containsPattern("Muted .*suppressed");
  }

  @Test
  @DisplayName("a route muted by a time interval sends nothing, and the mute is counted")
  void timeMuted() throws Exception {
    amtool("alert", "add", "alertname=Night", "team=night");
    Eventually.assertThat(
        WAIT,
        () ->
            assertThat(metrics())
                .containsPattern("notifier_flushes_time_muted_total(\\{[^}]*\\})? [1-9]"));
    assertThat(amtool("alert", "query").out()).contains("Night");
    assertThat(hookPayloads()).allSatisfy(p -> assertThat(p).doesNotContain("Night"));
  }

  private static java.net.http.HttpResponse<String> http(String method, String path, String body) {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create("http://127.0.0.1:" + notifier.httpPort() + path))
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(10))
                  .method(
                      method,
                      body == null
                          ? java.net.http.HttpRequest.BodyPublishers.noBody()
                          : java.net.http.HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Status and body, as the real Alertmanager 0.25 answered the same requests. */
  private static void answers(String method, String path, String body, int status, String answer) {
    var r = http(method, path, body);
    assertThat(r.statusCode()).as("%s %s", method, path).isEqualTo(status);
    assertThat(r.body()).as("%s %s", method, path).isEqualTo(answer);
  }

  @Test
  @DisplayName("errors, status and management endpoints answer as Alertmanager 0.25 does")
  void answersAsAlertmanager() {
    String uuid = "/api/v2/silence/6b8e0c33-3d02-4d5e-9a8c-5a2e2f2e2e2e";
    answers("GET", uuid, null, 404, "\"silence not found\"");
    answers("DELETE", uuid, null, 404, "\"silence not found\"");
    answers(
        "GET",
        "/api/v2/silence/nope",
        null,
        422,
        "{\"code\":601,\"message\":\"silenceID in path must be of type uuid: \\\"nope\\\"\"}");
    answers(
        "POST",
        "/api/v2/silences",
        "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\",\"isRegex\":false}],"
            + "\"startsAt\":\"2026-12-03T13:00:00Z\",\"endsAt\":\"2026-12-03T12:00:00Z\","
            + "\"createdBy\":\"a\",\"comment\":\"c\"}",
        400,
        "\"Failed to create silence: start time must be before end time\"");
    answers(
        "POST",
        "/api/v2/silences",
        "{\"matchers\":[],\"startsAt\":\"2026-12-03T10:00:00Z\",\"endsAt\":\"2026-12-03T12:00:00Z\","
            + "\"createdBy\":\"a\",\"comment\":\"c\"}",
        422,
        "{\"code\":612,\"message\":\"matchers in body should have at least 1 items\"}");
    answers(
        "POST",
        "/api/v2/alerts",
        "[{\"labels\":{}}]",
        400,
        "\"alert 0: at least one label pair required\""); // AM 0.25: the same without "alert 0: "
    answers(
        "POST",
        "/api/v2/alerts",
        "[{\"annotations\":{}}]",
        422,
        "{\"code\":602,\"message\":\"0.labels in body is required\"}");
    answers("GET", "/api/v2/alerts?filter=foo", null, 400, "\"bad matcher format: foo\"");
    answers("GET", "/-/healthy", null, 200, "OK");
    answers("GET", "/-/ready", null, 200, "OK");
    answers("POST", "/-/reload", null, 200, "");
    assertThat(http("GET", "/api/v2/receivers", null).body())
        .isEqualTo("[{\"name\":\"hook\"},{\"name\":\"db\"},{\"name\":\"chat\"}]");
    JsonObject status = new JsonObject(http("GET", "/api/v2/status", null).body());
    assertThat(status.getJsonObject("cluster").getString("status")).isEqualTo("disabled");
    assertThat(status.getJsonObject("versionInfo").fieldNames())
        .contains("branch", "buildDate", "buildUser", "goVersion", "revision", "version");
    assertThat(status.getJsonObject("config").getString("original"))
        .contains("mute_time_intervals");
    assertThat(status.getString("uptime")).matches("\\d{4}-\\d\\d-\\d\\dT.*\\.\\d{3}Z");
  }

  @Test
  @DisplayName("config.original shows credentials as <secret>")
  void masksSecrets() {
    assertThat(
            StatusApi.masked(
                "global: {slack_api_url: 'https://hooks/x', smtp_auth_password: pw}\n"
                    + "receivers: [{name: p, pagerduty_configs: [{routing_key: rk}]}]\n"))
        .contains("<secret>")
        .doesNotContain("hooks/x", "pw", "rk");
  }

  private static String metrics() {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create("http://127.0.0.1:" + notifier.httpPort() + "/metrics"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("config routes test resolves receivers from the served configuration")
  void routesTest() {
    assertThat(amtool("config", "routes", "test", "team=db").out().trim()).isEqualTo("db");
    assertThat(amtool("config", "routes", "test", "team=web").out().trim()).isEqualTo("hook");
    assertThat(
            Amtool.run(
                    notifier.httpPort(),
                    "config",
                    "routes",
                    "test",
                    "--verify.receivers=hook",
                    "team=db")
                .exitCode())
        .isEqualTo(1);
  }

  private static String silence(String alertname, String extras) {
    var r =
        http(
            "POST",
            "/api/v2/silences",
            "{\"matchers\":[{\"name\":\"alertname\",\"value\":\""
                + alertname
                + "\",\"isRegex\":false}],\"startsAt\":\""
                + java.time.Instant.now()
                + "\",\"endsAt\":\""
                + java.time.Instant.now().plusSeconds(3600)
                + "\",\"createdBy\":\"it\",\"comment\":\"c\","
                + extras
                + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getString("silenceID");
  }

  private static JsonObject silenceJson(String id) {
    return new JsonObject(http("GET", "/api/v2/silence/" + id, null).body());
  }

  @Test
  @DisplayName(
      "a recurring silence mutes inside its time interval only, and amtool lists it unchanged")
  void recurringSilence() {
    String inside = silence("InWindow", "\"timeIntervals\":[\"always\"]");
    String outside = silence("OutOfWindow", "\"timeIntervals\":[\"never\"]");
    assertThat(silenceJson(inside).getString("status")).contains("active");
    assertThat(silenceJson(outside).getJsonObject("status").getString("state"))
        .isEqualTo("pending");
    assertThat(silenceJson(outside).getJsonArray("timeIntervals")).containsExactly("never");
    answers(
        "POST",
        "/api/v2/silences",
        "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\",\"isRegex\":false}],"
            + "\"startsAt\":\"2026-12-03T10:00:00Z\",\"endsAt\":\"2099-12-03T12:00:00Z\","
            + "\"createdBy\":\"a\",\"comment\":\"c\",\"timeIntervals\":[\"nope\"]}",
        400,
        "\"silence invalid: time interval \\\"nope\\\" is not defined in time_intervals\"");
    String listed = amtool("silence", "query", "-o", "json").out();
    assertThat(new JsonArray(listed).stream().map(o -> ((JsonObject) o).getString("id")))
        .contains(inside, outside);

    amtool("alert", "add", "alertname=InWindow", "team=recurring");
    amtool("alert", "add", "alertname=OutOfWindow", "team=recurring");
    Eventually.assertThat(
        WAIT,
        () -> assertThat(hookPayloads()).anySatisfy(p -> assertThat(p).contains("OutOfWindow")));
    assertThat(amtool("alert", "query", "-s").out()).containsPattern("InWindow .*suppressed");
    assertThat(hookPayloads()).allSatisfy(p -> assertThat(p).doesNotContain("InWindow"));
  }

  @Test
  @DisplayName("an until-resolved silence mutes its alert and expires once the alert resolved")
  void untilResolvedSilence() {
    String id = silence("Fixed", "\"untilResolved\":true");
    assertThat(silenceJson(id).getBoolean("untilResolved")).isTrue();
    amtool("alert", "add", "alertname=Fixed", "team=fixed");
    Eventually.assertThat(
        WAIT,
        () ->
            assertThat(amtool("alert", "query", "-s").out()).containsPattern("Fixed .*suppressed"));
    assertThat(silenceJson(id).getJsonObject("status").getString("state")).isEqualTo("active");
    var resolve =
        http(
            "POST",
            "/api/v2/alerts",
            "[{\"labels\":{\"alertname\":\"Fixed\",\"team\":\"fixed\"},\"endsAt\":\""
                + java.time.Instant.now().minusSeconds(1)
                + "\"}]");
    assertThat(resolve.statusCode()).isEqualTo(200);
    Eventually.assertThat(
        WAIT,
        () ->
            assertThat(silenceJson(id).getJsonObject("status").getString("state"))
                .isEqualTo("expired"));
    assertThat(hookPayloads()).allSatisfy(p -> assertThat(p).doesNotContain("Fixed"));
  }

  @Test
  @DisplayName(
      "a batch with invalid alerts keeps the valid ones and answers 400 naming the invalid ones")
  void partialBatch() {
    var r =
        http(
            "POST",
            "/api/v2/alerts",
            "[{\"labels\":{\"alertname\":\"KeptFromBatch\",\"team\":\"batch\"}},"
                + "{\"labels\":{}},"
                + "{\"labels\":{\"alertname\":\"X\",\"bad-name\":\"v\"}}]");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .isEqualTo(
            "\"alert 1: at least one label pair required; alert 2: invalid label set: invalid"
                + " name \\\"bad-name\\\"\"");
    Eventually.assertThat(
        WAIT, () -> assertThat(amtool("alert", "query").out()).contains("KeptFromBatch"));
  }

  /** The attachment texts the chat (Slack) receiver got, in order. */
  private static List<String> chatTexts() {
    return RECEIVED.stream()
        .filter(b -> b.getString("path").equals("/chat"))
        .map(b -> b.getJsonArray("attachments").getJsonObject(0).getString("text"))
        .toList();
  }

  @Test
  @DisplayName(
      "POST /-/reload re-reads the templates; a broken template is refused and the old one stays")
  void reloadsTemplates() throws Exception {
    amtool("alert", "add", "alertname=Tmpl1", "team=tmpl");
    Eventually.assertThat(WAIT, () -> assertThat(chatTexts()).containsExactly("v1 tmpl 1"));
    Files.writeString(template, "{{ define \"it.text\" }}{{ if }}{{ end }}");
    var broken = http("POST", "/-/reload", null);
    assertThat(broken.statusCode()).isEqualTo(500);
    assertThat(broken.body()).startsWith("failed to reload config: ");
    Files.writeString(template, TEMPLATE.formatted("v2"));
    answers("POST", "/-/reload", null, 200, "");
    amtool("alert", "add", "alertname=Tmpl2", "team=tmpl");
    Eventually.assertThat(
        WAIT, () -> assertThat(chatTexts()).containsExactly("v1 tmpl 1", "v2 tmpl 2"));
  }

  @Test
  @DisplayName(
      "amtool silence update changes a silence in place; cluster show, config show and config"
          + " routes show read the status endpoint")
  void otherCommands() {
    String id =
        amtool("silence", "add", "alertname=Updated", "-c", "first", "-d", "1h").out().trim();
    // amtool 0.25 prints a Go pointer for "update -q"; against the real Alertmanager 0.25 too.
    assertThat(amtool("silence", "update", "-q", id, "-c", "second").out().trim())
        .matches("0x[0-9a-f]+");
    assertThat(amtool("silence", "query", "-q", "alertname=Updated").out().trim()).isEqualTo(id);
    assertThat(silenceJson(id).getString("comment")).isEqualTo("second");
    amtool("silence", "expire", id);
    assertThat(amtool("cluster", "show").out()).contains("Cluster Status:  disabled");
    assertThat(amtool("config", "show").out()).contains("mute_time_intervals", "slack_configs");
    assertThat(amtool("config", "routes", "show").out()).contains("db", "chat");
  }
}
