package dev.alerting.notify.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alerting.notify.config.AlertmanagerConfig;
import dev.alerting.notify.config.ConfigLoader;
import dev.alerting.notify.receiver.Captures.Scenario;
import io.vertx.core.Vertx;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every integration, given the config and alerts the real Alertmanager was given, sends the same
 * requests: method, path and query, auth and content-type headers, and the JSON body field by field
 * (see src/test/resources/integrations/README.md for how the expectations were recorded).
 */
@DisplayName("Integrations send exactly what Alertmanager sends")
class IntegrationRequestsTest {
  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  private static Vertx vertx;
  private static CaptureServer server;
  private static Channels channels;
  private static final Map<String, Notifier> NOTIFIERS = new HashMap<>();
  private static final Map<String, Integration> INTEGRATIONS = new HashMap<>();
  private static List<JsonNode> expected;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = CaptureServer.start(vertx);
    channels = TestChannels.of(vertx, "http://alertmanager.example.org:9093");
    expected = new ArrayList<>(Captures.lines("captured.jsonl"));
    expected.addAll(Captures.lines("expected-pagerduty-v1.jsonl"));
    expected.addAll(Captures.lines("expected-msteams.jsonl"));
    expected.addAll(Captures.lines("expected-fields.jsonl"));
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @BeforeEach
  void reset() {
    server.reset();
    if (NOTIFIERS.isEmpty()) {
      load("am-capture.yml");
      load("am-derived.yml");
    }
  }

  private static void load(String resource) {
    String yaml =
        Captures.resource(resource)
            .replace("127.0.0.1:18997", "127.0.0.1:" + server.port())
            .replace("127.0.0.1:18927", "127.0.0.1:" + SMTP.getSmtp().getPort());
    AlertmanagerConfig c = ConfigLoader.parse(yaml);
    c.receivers()
        .values()
        .forEach(
            r -> {
              if (!r.integrations().isEmpty()) {
                Integration i = r.integrations().get(0);
                INTEGRATIONS.put(r.name(), i);
                NOTIFIERS.put(r.name(), i.notifier(channels));
              }
            });
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String r :
        List.of(
            "webhook",
            "slack",
            "slackbot",
            "pagerduty",
            "pagerdutyv1",
            "opsgenie",
            "telegram",
            "discord",
            "webex",
            "msteams",
            "msteamsv2",
            "discordfull",
            "telegramthread")) {
      for (Scenario s : Scenario.values()) {
        out.add(Arguments.of(r, s));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  @DisplayName("HTTP integrations")
  void http(String receiver, Scenario scenario) {
    List<JsonNode> want = Captures.expected(expected, receiver, scenario);
    Notification n = Captures.notification(receiver, scenario);
    if (scenario == Scenario.ONE_RESOLVED && !INTEGRATIONS.get(receiver).sendResolved()) {
      // the dispatcher never hands such a notification over; Alertmanager sent nothing either
      assertThat(want).as("Alertmanager sent no resolve").isEmpty();
      return;
    }
    Outcome o = NOTIFIERS.get(receiver).attempt(n).await();
    assertThat(o.kind()).as(o.detail()).isEqualTo(Outcome.Kind.DELIVERED);
    List<CaptureServer.Request> got = server.requests();
    assertThat(got).as("requests sent").hasSameSizeAs(want);
    for (int i = 0; i < want.size(); i++) {
      JsonNode w = want.get(i);
      CaptureServer.Request g = got.get(i);
      assertThat(g.method()).isEqualTo(w.path("method").asText());
      assertThat(g.path()).isEqualTo(w.path("path").asText());
      assertThat(g.headers().get("Authorization"))
          .as("Authorization")
          .isEqualTo(w.path("headers").path("Authorization").textValue());
      assertThat(g.headers().get("Content-Type"))
          .isEqualTo(w.path("headers").path("Content-Type").asText());
      assertThat(g.json()).as("body of " + g.path()).isEqualTo(w.path("body"));
    }
  }

  @ParameterizedTest(name = "email: {0}")
  @EnumSource(Scenario.class)
  @DisplayName("email over SMTP: headers, HTML and text parts")
  void email(Scenario scenario) throws Exception {
    SMTP.purgeEmailFromAllMailboxes();
    List<JsonNode> want = Captures.expected(expected, "email", scenario);
    assertThat(want).hasSize(1);
    JsonNode w = want.get(0);
    Outcome o = NOTIFIERS.get("email").attempt(Captures.notification("email", scenario)).await();
    assertThat(o.kind()).as(o.detail()).isEqualTo(Outcome.Kind.DELIVERED);
    MimeMessage[] got = SMTP.getReceivedMessages();
    // one copy per envelope recipient
    assertThat(got).hasSize(w.path("to").size());
    MimeMessage m = got[0];
    for (String h : List.of("Subject", "From", "X-Team")) {
      assertThat(m.getHeader(h, ",")).as(h).isEqualTo(w.path("headers").path(h).asText());
    }
    assertThat(m.getHeader("To", ",").replace(" ", ""))
        .isEqualTo(w.path("headers").path("To").asText().replace(" ", ""));
    assertThat(m.getContentType()).startsWith("multipart/alternative");
    Map<String, String> parts = new HashMap<>();
    Multipart mp = (Multipart) m.getContent();
    for (int i = 0; i < mp.getCount(); i++) {
      var p = mp.getBodyPart(i);
      parts.put(p.getContentType().split(";")[0].trim(), p.getContent().toString());
    }
    assertThat(parts.get("text/plain")).isEqualTo(w.path("parts").path("text/plain").asText());
    assertThat(parts.get("text/html")).isEqualTo(w.path("parts").path("text/html").asText());
  }
}
