package dev.alerting.notify.api.v2;

import static dev.alerting.notify.api.v2.AmtoolNotifier.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.testkit.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real amtool managing silences on the notifier: add, query, expire, import and update, a
 * silence surviving a restart, recurring and until-resolved silences. Expected outputs as in {@link
 * AmtoolIT}: amtool 0.25 against the real Alertmanager 0.25.
 */
@DisplayName("amtool manages the notifier's silences")
class AmtoolSilencesIT {
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
  @DisplayName(
      "silence add / query / expire / import, alert query shows the muted alert suppressed, the"
          + " silence survives a restart, and the alert notifies once the silence is expired")
  void silenceLifecycle(@TempDir Path dir) throws Exception {
    String id =
        am.amtool("silence", "add", "alertname=Muted", "-c", "maintenance", "-d", "1h")
            .out()
            .trim();
    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(am.amtool("silence", "query", "-q", "alertname=Muted").out().trim()).isEqualTo(id);
    Path export = dir.resolve("silences.json");
    Files.writeString(export, am.amtool("silence", "query", "-o", "json", "alertname=Muted").out());
    JsonObject exported = new JsonArray(Files.readString(export)).getJsonObject(0);
    assertThat(exported.getJsonObject("status").getString("state")).isEqualTo("active");
    assertThat(exported.getString("comment")).isEqualTo("maintenance");

    am.amtool("alert", "add", "alertname=Muted", "team=ops");
    am.amtool("alert", "add", "alertname=Loud", "team=ops");
    Eventually.assertThat(WAIT, () -> assertThat(am.hookPayloads()).contains(List.of("Loud")));
    assertThat(am.amtool("alert", "query").out()).contains("Loud").doesNotContain("Muted");
    assertThat(am.amtool("alert", "query", "-s").out()).containsPattern("Muted .*suppressed");

    am.restart();
    assertThat(am.amtool("silence", "query", "-q", "alertname=Muted").out().trim()).isEqualTo(id);
    Eventually.assertThat(
        WAIT,
        () ->
            assertThat(am.amtool("alert", "query", "-s").out())
                .containsPattern("Muted .*suppressed"));
    assertThat(am.hookPayloads()).allSatisfy(p -> assertThat(p).doesNotContain("Muted"));

    am.amtool("silence", "expire", id);
    assertThat(am.amtool("silence", "query", "-q", "alertname=Muted").out().trim()).isEmpty();
    assertThat(am.amtool("silence", "query", "--expired", "-q", "alertname=Muted").out().trim())
        .isEqualTo(id);
    Eventually.assertThat(
        WAIT, () -> assertThat(am.hookPayloads()).contains(List.of("Loud", "Muted")));

    am.amtool("silence", "import", export.toString());
    String imported = am.amtool("silence", "query", "-q", "alertname=Muted").out().trim();
    assertThat(imported).matches("[0-9a-f-]{36}").isNotEqualTo(id);
    assertThat(am.amtool("alert", "query", "-s").out()).containsPattern("Muted .*suppressed");
  }

  @Test
  @DisplayName(
      "a recurring silence mutes inside its time interval only, and amtool lists it unchanged")
  void recurringSilence() {
    String inside = am.silence("InWindow", "\"timeIntervals\":[\"always\"]");
    String outside = am.silence("OutOfWindow", "\"timeIntervals\":[\"never\"]");
    assertThat(am.silenceJson(inside).getString("status")).contains("active");
    assertThat(am.silenceJson(outside).getJsonObject("status").getString("state"))
        .isEqualTo("pending");
    assertThat(am.silenceJson(outside).getJsonArray("timeIntervals")).containsExactly("never");
    am.answers(
        "POST",
        "/api/v2/silences",
        "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\",\"isRegex\":false}],"
            + "\"startsAt\":\"2026-12-03T10:00:00Z\",\"endsAt\":\"2099-12-03T12:00:00Z\","
            + "\"createdBy\":\"a\",\"comment\":\"c\",\"timeIntervals\":[\"nope\"]}",
        400,
        "\"silence invalid: time interval \\\"nope\\\" is not defined in time_intervals\"");
    String listed = am.amtool("silence", "query", "-o", "json").out();
    assertThat(new JsonArray(listed).stream().map(o -> ((JsonObject) o).getString("id")))
        .contains(inside, outside);

    am.amtool("alert", "add", "alertname=InWindow", "team=recurring");
    am.amtool("alert", "add", "alertname=OutOfWindow", "team=recurring");
    Eventually.assertThat(
        WAIT,
        () -> assertThat(am.hookPayloads()).anySatisfy(p -> assertThat(p).contains("OutOfWindow")));
    assertThat(am.amtool("alert", "query", "-s").out()).containsPattern("InWindow .*suppressed");
    assertThat(am.hookPayloads()).allSatisfy(p -> assertThat(p).doesNotContain("InWindow"));
  }

  @Test
  @DisplayName("an until-resolved silence mutes its alert and expires once the alert resolved")
  void untilResolvedSilence() {
    String id = am.silence("Fixed", "\"untilResolved\":true");
    assertThat(am.silenceJson(id).getBoolean("untilResolved")).isTrue();
    am.amtool("alert", "add", "alertname=Fixed", "team=fixed");
    Eventually.assertThat(
        WAIT,
        () ->
            assertThat(am.amtool("alert", "query", "-s").out())
                .containsPattern("Fixed .*suppressed"));
    assertThat(am.silenceJson(id).getJsonObject("status").getString("state")).isEqualTo("active");
    var resolve =
        am.http(
            "POST",
            "/api/v2/alerts",
            "[{\"labels\":{\"alertname\":\"Fixed\",\"team\":\"fixed\"},\"endsAt\":\""
                + java.time.Instant.now().minusSeconds(1)
                + "\"}]");
    assertThat(resolve.statusCode()).isEqualTo(200);
    Eventually.assertThat(
        WAIT,
        () ->
            assertThat(am.silenceJson(id).getJsonObject("status").getString("state"))
                .isEqualTo("expired"));
    assertThat(am.hookPayloads()).allSatisfy(p -> assertThat(p).doesNotContain("Fixed"));
  }
}
