package dev.alerting.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.platform.config.Settings;
import dev.alerting.testkit.Eventually;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator console in a real headless Chromium, against the whole stack in-process (embedded
 * Kafka, the four services, the console) with authentication on for the incident service and the
 * notifier: one stack and one browser for the class, the tests run in order as one operator's
 * session. Each view's screenshot is written to {@code target/console-screenshots/} ({@code
 * docs/console/} with {@code CONSOLE_SCREENSHOTS=docs}). Skipped where Chromium or chromedriver is
 * not installed ({@code .ci/run} installs them).
 */
@DisplayName("Operator console in a headless Chromium")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
  private static final String ALERT = "ConsoleQueueBacklog";
  private static final String TOKEN = "console-write-token-0123456789";
  private static final String RUNBOOK = "https://runbooks.example/queue-backlog";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static Path dir;
  private static WebhookSink hook;
  private static AlertingStack stack;
  private static Browser browser;
  private static String console;
  private static final StackClient client = new StackClient();
  private static final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    Optional<List<Path>> binaries = Browser.installed();
    assumeTrue(binaries.isPresent(), "chromium and chromedriver are not installed");
    dir = Files.createTempDirectory("console-it");
    hook = new WebhookSink();
    Path rules = dir.resolve("console-rules.yml");
    Files.writeString(
        rules,
        """
        groups:
          - name: console
            rules:
              - alert: %s
                expr: console_queue_depth > 100
                labels:
                  severity: critical
                annotations:
                  summary: "Backlog on {{ $labels.service }}: {{ $value }} messages"
                  runbook_url: %s
        """
            .formatted(ALERT, RUNBOOK));
    Map<String, String> extra = new HashMap<>(OnCallFixture.files(dir, hook.url(), "1h"));
    extra.put("RULES_FILE", rules.toString());
    extra.put("CONSOLE_PORT", "0");
    extra.put("INCIDENT_AUTH_TOKENS", "write:" + TOKEN);
    extra.put("NOTIFIER_AUTH_TOKENS", "write:" + TOKEN);
    Settings settings = StackFixture.settings(dir, hook.url(), extra);
    stack = AlertingStack.start(settings, 0);
    console = stack.startConsole();
    browser = Browser.start(binaries.get(), dir);
    browser.viewport(1280, 800);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (stack != null) {
      stack.close();
    }
    if (hook != null) {
      hook.close();
    }
  }

  @Test
  @Order(1)
  @DisplayName("a pushed sample makes its alert appear in the open page without a reload, charted")
  void alertAppearsLive() throws Exception {
    browser.open(console + "/#/alerts");
    browser.script("localStorage.setItem('alerting.actor', 'ann')");
    browser.await("#alert-groups .empty", "the empty alert list before the push");
    browser.script("window.loadedOnce = 'yes'");

    long now = System.currentTimeMillis();
    StackClient.Response pushed =
        client.post(
            stack.url(Service.INGEST) + "/api/v1/samples",
            "["
                + sample(40, now - 40_000)
                + ","
                + sample(90, now - 25_000)
                + ","
                + sample(250, now - 10_000)
                + "]");
    assertThat(pushed.status()).isEqualTo(200);

    String alert = "article.alert[data-alertname='" + ALERT + "']";
    browser.await(alert + " .badge", "firing"::equals, "the alert shown as firing");
    assertThat(browser.script("return window.loadedOnce").asText())
        .as("the page was not reloaded")
        .isEqualTo("yes");
    browser.await(alert + " .summary", t -> t.contains("checkout"), "the alert's summary");
    browser.await(alert + " svg.chart", "the chart of the alert's series");
    assertThat(
            browser
                .script(
                    "return document.querySelector(\""
                        + alert
                        + " a[href='"
                        + RUNBOOK
                        + "']\") !== null")
                .asBoolean())
        .as("runbook link")
        .isTrue();
    screenshot("alerts.png");
    browser.viewport(390, 844);
    screenshot("alerts-phone.png");
    browser.viewport(1280, 800);
  }

  @Test
  @Order(2)
  @DisplayName(
      "acknowledging from the incident page asks for a token, refuses a wrong one, then changes"
          + " the incident's state through the API")
  void acknowledgeWithToken() throws Exception {
    browser.open(console + "/#/incidents");
    String incidentId = browser.awaitText("#incident-list tbody tr td", "the incident in the list");
    screenshot("incidents.png");
    browser.click("#incident-list tbody tr a", "the incident's link");
    browser.await("#incident-status", "open"::equals, "the incident page, open");
    browser.click("#ack", "the acknowledge button");

    browser.type("#token-form:not([hidden]) #token", "the token form", "not-the-right-token-000");
    browser.click("#token-form button[type=submit]", "the token button");
    browser.await(
        "#token-form:not([hidden]) #token-reason",
        t -> t.contains("refused"),
        "the token form again, saying the token was refused");
    assertThat(status(incidentId)).isEqualTo("open");

    browser.type("#token-form:not([hidden]) #token", "the token field", TOKEN);
    browser.click("#token-form button[type=submit]", "the token button");
    browser.await("#incident-status", "acknowledged"::equals, "the incident shown acknowledged");
    JsonNode incident = incident(incidentId);
    assertThat(incident.path("status").asText()).isEqualTo("acknowledged");
    assertThat(incident.path("timeline").findValuesAsText("actor")).contains("ann");

    browser.type("#note", "the note field", "restarted the consumer");
    browser.click("#note-form button", "the note button");
    browser.await(
        "#timeline", t -> t.contains("restarted the consumer"), "the note in the timeline");
    // the escalation policy paged the schedule's user at once: the page is in the timeline too
    browser.await(
        "#timeline",
        t -> t.contains("paged") && t.contains("acknowledged"),
        "page and ack entries");
    screenshot("incident.png");
  }

  @Test
  @Order(3)
  @DisplayName("the incident list follows changes made elsewhere without a reload")
  void incidentListIsLive() throws Exception {
    browser.open(console + "/#/incidents");
    browser.await("#live", "live"::equals, "the incident stream connected");
    String incidentId = browser.awaitText("#incident-list tbody tr td", "the incident's id");
    browser.script("window.loadedOnce = 'yes'");
    HttpResponse<String> assigned =
        post(
            stack.url(Service.INCIDENTS) + "/api/v1/incidents/" + incidentId + "/assign",
            "{\"assignee\":\"carol\",\"by\":\"script\"}");
    assertThat(assigned.statusCode()).isEqualTo(200);
    browser.await(
        "#incident-list tbody tr[data-id='" + incidentId + "'] td:nth-child(5)",
        "carol"::equals,
        "the new assignee in the list");
    assertThat(browser.script("return window.loadedOnce").asText()).isEqualTo("yes");
  }

  @Test
  @Order(4)
  @DisplayName(
      "a silence created from an alert (by keyboard) has its matchers pre-filled and shows the"
          + " alert muted;"
          + " expiring it ends it")
  void silenceFromAlert() throws Exception {
    browser.open(console + "/#/alerts");
    String alert = "article.alert[data-alertname='" + ALERT + "']";
    // by keyboard: Enter on the link, Enter in the last field submits the form
    browser.keys(alert + " a.silence", "the alert's silence link", Browser.ENTER);
    browser.await("#silence-form", "the silence form");
    assertThat(browser.script("return document.querySelector('#matchers').value").asText())
        .contains("alertname=\"" + ALERT + "\"")
        .contains("service=\"checkout\"");
    browser.type("#comment", "the comment field", "fix is being deployed" + Browser.ENTER);
    String active = browser.awaitText("li.silence.active", "the new silence in the list");
    String silenceId =
        browser.script("return document.querySelector('li.silence.active').dataset.id").asText();
    JsonNode silence =
        Eventually.await(
            WAIT,
            "the silence in the notifier's API",
            () -> {
              for (JsonNode s :
                  client.get(stack.url(Service.NOTIFIER) + "/api/v2/silences").body()) {
                if (s.path("id").asText().equals(silenceId)) {
                  return s;
                }
              }
              return null;
            });
    assertThat(silence.path("status").path("state").asText()).isEqualTo("active");
    assertThat(silence.path("createdBy").asText()).isEqualTo("ann");
    assertThat(silence.path("matchers").findValuesAsText("value")).contains(ALERT, "checkout");
    assertThat(active).contains("fix is being deployed");
    screenshot("silences.png");

    browser.open(console + "/#/alerts");
    browser.await(alert + " .badge", "silenced"::equals, "the alert shown as silenced");
    screenshot("alerts-silenced.png");

    browser.open(console + "/#/silences");
    browser.click("li.silence.active button.expire", "the expire button");
    browser.await("li.silence.expired", "the silence shown expired");
    Eventually.assertThat(
        WAIT,
        () ->
            assertThat(
                    client
                        .get(stack.url(Service.NOTIFIER) + "/api/v2/silence/" + silenceId)
                        .body()
                        .path("status")
                        .path("state")
                        .asText())
                .isEqualTo("expired"));
  }

  @Test
  @Order(5)
  @DisplayName("the on-call view shows who is on call now for each schedule, and who is next")
  void onCall() throws Exception {
    long days =
        ChronoUnit.DAYS.between(OnCallFixture.ROTATION_START, LocalDate.now(ZoneOffset.UTC));
    String now = days % 2 == 0 ? "alice" : "bob";
    String next = days % 2 == 0 ? "bob" : "alice";
    browser.open(console + "/#/oncall");
    String shown =
        browser.awaitText(
            "tr[data-schedule='primary'] td.now", t -> !t.isBlank(), "the primary schedule");
    // the hand-over is at midnight UTC: the day may turn between the two readings
    if (!shown.equals(now)) {
      assertThat(shown).isEqualTo(next);
    } else {
      assertThat(browser.awaitText("tr[data-schedule='primary'] td.next", "who is next"))
          .startsWith(next + " from");
    }
    screenshot("oncall.png");
  }

  @Test
  @Order(6)
  @DisplayName("the rules view shows each rule with its state and last evaluation")
  void rules() throws Exception {
    browser.open(console + "/#/rules");
    String row = "tr[data-rule='" + ALERT + "']";
    browser.await(row + " td", t -> t.startsWith("firing"), "the rule shown firing");
    assertThat(browser.awaitText(row + " td:nth-child(4)", "the last evaluation"))
        .matches("just now|.* ago");
    screenshot("rules.png");
  }

  private static String sample(double value, long at) {
    return "{\"name\":\"console_queue_depth\",\"labels\":{\"service\":\"checkout\"},\"value\":"
        + value
        + ",\"timestamp\":"
        + at
        + "}";
  }

  private static String status(String id) {
    return incident(id).path("status").asText();
  }

  private static JsonNode incident(String id) {
    return client.get(stack.url(Service.INCIDENTS) + "/api/v1/incidents/" + id).body();
  }

  private static HttpResponse<String> post(String url, String json)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Checks what a screen reader and a phone need of the view on screen, then writes its screenshot
   * into launcher/target/console-screenshots/, or into docs/console/ with {@code
   * CONSOLE_SCREENSHOTS=docs} in the environment.
   */
  private static void screenshot(String name) throws IOException {
    JsonNode problems =
        browser.script(
            """
            const out = [];
            for (const e of document.querySelectorAll('input, select, textarea')) {
              if (!e.labels.length && !e.getAttribute('aria-label')) out.push('unlabelled field #' + e.id);
            }
            for (const e of document.querySelectorAll('button, a[href]')) {
              if (!(e.getAttribute('aria-label') || e.textContent).trim()) out.push('nameless ' + e.outerHTML);
            }
            for (const e of document.querySelectorAll('svg')) {
              if (!e.querySelector('title')) out.push('chart without a title');
            }
            if (document.documentElement.scrollWidth > window.innerWidth) {
              out.push('wider than the window: ' + document.documentElement.scrollWidth + ' > ' + window.innerWidth);
            }
            return out;
            """);
    assertThat(problems).as(name + ": accessibility and width").isEmpty();
    // the docs' copies change only when asked for: a plain `mvn verify` leaves the checkout clean
    Path docs = Path.of("").toAbsolutePath().getParent().resolve("docs");
    Path dir =
        "docs".equals(System.getenv("CONSOLE_SCREENSHOTS")) && Files.isDirectory(docs)
            ? docs.resolve("console")
            : Path.of("target", "console-screenshots");
    browser.screenshot(dir.resolve(name));
  }
}
