package dev.alerting.notify.api.v2;

import static dev.alerting.notify.api.v2.AmtoolNotifier.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.testkit.Eventually;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private static AmtoolNotifier am;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Amtool.available(), "amtool is not installed");
    am = AmtoolNotifier.start(dir);
  }

  @AfterAll
  static void stop() {
    if (am != null) {
      am.close();
    }
  }

  @Test
  @DisplayName("a route muted by a time interval sends nothing, and the mute is counted")
  void timeMuted() throws Exception {
    am.amtool("alert", "add", "alertname=Night", "team=night");
    Eventually.assertThat(
        WAIT,
        () ->
            assertThat(am.metrics())
                .containsPattern("notifier_flushes_time_muted_total(\\{[^}]*\\})? [1-9]"));
    assertThat(am.amtool("alert", "query").out()).contains("Night");
    assertThat(am.hookPayloads()).allSatisfy(p -> assertThat(p).doesNotContain("Night"));
  }

  @Test
  @DisplayName("errors, status and management endpoints answer as Alertmanager 0.25 does")
  void answersAsAlertmanager() {
    String uuid = "/api/v2/silence/6b8e0c33-3d02-4d5e-9a8c-5a2e2f2e2e2e";
    am.answers("GET", uuid, null, 404, "\"silence not found\"");
    am.answers("DELETE", uuid, null, 404, "\"silence not found\"");
    am.answers(
        "GET",
        "/api/v2/silence/nope",
        null,
        422,
        "{\"code\":601,\"message\":\"silenceID in path must be of type uuid: \\\"nope\\\"\"}");
    am.answers(
        "POST",
        "/api/v2/silences",
        "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\",\"isRegex\":false}],"
            + "\"startsAt\":\"2026-12-03T13:00:00Z\",\"endsAt\":\"2026-12-03T12:00:00Z\","
            + "\"createdBy\":\"a\",\"comment\":\"c\"}",
        400,
        "\"Failed to create silence: start time must be before end time\"");
    am.answers(
        "POST",
        "/api/v2/silences",
        "{\"matchers\":[],\"startsAt\":\"2026-12-03T10:00:00Z\",\"endsAt\":\"2026-12-03T12:00:00Z\","
            + "\"createdBy\":\"a\",\"comment\":\"c\"}",
        422,
        "{\"code\":612,\"message\":\"matchers in body should have at least 1 items\"}");
    am.answers(
        "POST",
        "/api/v2/alerts",
        "[{\"labels\":{}}]",
        400,
        "\"alert 0: at least one label pair required\""); // AM 0.25: the same without "alert 0: "
    am.answers(
        "POST",
        "/api/v2/alerts",
        "[{\"annotations\":{}}]",
        422,
        "{\"code\":602,\"message\":\"0.labels in body is required\"}");
    am.answers("GET", "/api/v2/alerts?filter=foo", null, 400, "\"bad matcher format: foo\"");
    am.answers("GET", "/-/healthy", null, 200, "OK");
    am.answers("GET", "/-/ready", null, 200, "OK");
    am.answers("POST", "/-/reload", null, 200, "");
    assertThat(am.http("GET", "/api/v2/receivers", null).body())
        .isEqualTo("[{\"name\":\"hook\"},{\"name\":\"db\"},{\"name\":\"chat\"}]");
    JsonObject status = new JsonObject(am.http("GET", "/api/v2/status", null).body());
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

  @Test
  @DisplayName("config routes test resolves receivers from the served configuration")
  void routesTest() {
    assertThat(am.amtool("config", "routes", "test", "team=db").out().trim()).isEqualTo("db");
    assertThat(am.amtool("config", "routes", "test", "team=web").out().trim()).isEqualTo("hook");
    assertThat(
            Amtool.run(am.port(), "config", "routes", "test", "--verify.receivers=hook", "team=db")
                .exitCode())
        .isEqualTo(1);
  }

  @Test
  @DisplayName(
      "a batch with invalid alerts keeps the valid ones and answers 400 naming the invalid ones")
  void partialBatch() {
    var r =
        am.http(
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
        WAIT, () -> assertThat(am.amtool("alert", "query").out()).contains("KeptFromBatch"));
  }

  @Test
  @DisplayName(
      "POST /-/reload re-reads the templates; a broken template is refused and the old one stays")
  void reloadsTemplates() throws Exception {
    am.amtool("alert", "add", "alertname=Tmpl1", "team=tmpl");
    Eventually.assertThat(WAIT, () -> assertThat(am.chatTexts()).containsExactly("v1 tmpl 1"));
    Files.writeString(am.template(), "{{ define \"it.text\" }}{{ if }}{{ end }}");
    var broken = am.http("POST", "/-/reload", null);
    assertThat(broken.statusCode()).isEqualTo(500);
    assertThat(broken.body()).startsWith("failed to reload config: ");
    Files.writeString(am.template(), AmtoolNotifier.TEMPLATE.formatted("v2"));
    am.answers("POST", "/-/reload", null, 200, "");
    am.amtool("alert", "add", "alertname=Tmpl2", "team=tmpl");
    Eventually.assertThat(
        WAIT, () -> assertThat(am.chatTexts()).containsExactly("v1 tmpl 1", "v2 tmpl 2"));
  }

  @Test
  @DisplayName(
      "amtool silence update changes a silence in place; cluster show, config show and config"
          + " routes show read the status endpoint")
  void otherCommands() {
    String id =
        am.amtool("silence", "add", "alertname=Updated", "-c", "first", "-d", "1h").out().trim();
    // amtool 0.25 prints a Go pointer for "update -q"; against the real Alertmanager 0.25 too.
    assertThat(am.amtool("silence", "update", "-q", id, "-c", "second").out().trim())
        .matches("0x[0-9a-f]+");
    assertThat(am.amtool("silence", "query", "-q", "alertname=Updated").out().trim()).isEqualTo(id);
    assertThat(am.silenceJson(id).getString("comment")).isEqualTo("second");
    am.amtool("silence", "expire", id);
    assertThat(am.amtool("cluster", "show").out()).contains("Cluster Status:  disabled");
    assertThat(am.amtool("config", "show").out()).contains("mute_time_intervals", "slack_configs");
    assertThat(am.amtool("config", "routes", "show").out()).contains("db", "chat");
  }
}
