package dev.alerting.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alerting.notify.config.AlertmanagerConfig;
import dev.alerting.notify.config.ConfigLoader;
import dev.alerting.platform.config.Settings;
import dev.alerting.testkit.Eventually;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's own Alertmanager file (the seed) drives real deliveries: a pushed sample fires a rule
 * whose alert routes to its Slack, PagerDuty and email receivers, each pointed at a local sink in a
 * copy of the file (only URLs, the SMTP host and TLS towards the local SMTP server changed).
 */
@DisplayName("The seed Alertmanager config delivers to Slack, PagerDuty and email")
class SeedReceiversIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String ALERT = "SeedCheckoutLatency";

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(
              GreenMailConfiguration.aConfig()
                  .withUser("alerts@llamawool.com", "alerts@llamawool.com", "app-password"));

  @Test
  @DisplayName("the seed file and deploy/alertmanager.yml load")
  void filesLoad() throws Exception {
    AlertmanagerConfig seed = ConfigLoader.load(seed());
    assertThat(seed.receivers()).containsKeys("default", "critical-alerts", "business-team");
    AlertmanagerConfig deploy = ConfigLoader.load(Path.of("../deploy/alertmanager.yml"));
    assertThat(deploy.receivers()).containsKeys("log", "oncall-log");
  }

  @Test
  @DisplayName("a pushed sample above the threshold pages Slack, PagerDuty and email")
  void delivers(@TempDir Path dir) throws Exception {
    try (WebhookSink sink = new WebhookSink()) {
      Settings settings = settings(dir, sink.url(), SMTP.getSmtp().getPort());
      try (AlertingStack stack = AlertingStack.start(settings, 0)) {
        StackClient client = new StackClient();
        assertThat(
                client
                    .pushSample(
                        stack.url(Service.INGEST),
                        "seed_checkout_latency_seconds",
                        "{\"service\":\"checkout\",\"cluster\":\"eu1\"}",
                        3.5)
                    .status())
            .isEqualTo(200);

        // critical-alerts (continue: true): PagerDuty and Slack #critical-alerts
        JsonNode pd =
            Eventually.await(WAIT, "the PagerDuty event", () -> first(sink, "routing_key"));
        assertThat(pd.path("routing_key").asText()).isEqualTo("YOUR_PAGERDUTY_ROUTING_KEY");
        assertThat(pd.path("event_action").asText()).isEqualTo("trigger");
        assertThat(pd.path("payload").path("summary").asText()).isEqualTo("Latency on checkout");
        assertThat(pd.path("payload").path("severity").asText()).isEqualTo("critical");
        String groupKey =
            "{}/{severity=\"critical\"}:{alertname=\""
                + ALERT
                + "\", cluster=\"eu1\", service=\"checkout\"}";
        assertThat(pd.path("dedup_key").asText()).isEqualTo(sha256(groupKey));

        JsonNode slack =
            Eventually.await(WAIT, "the Slack message", () -> first(sink, "attachments"));
        assertThat(slack.path("channel").asText()).isEqualTo("#critical-alerts");
        JsonNode attachment = slack.path("attachments").get(0);
        assertThat(attachment.path("text").asText()).isEqualTo("Latency on checkout");
        assertThat(attachment.path("color").asText()).isEqualTo("danger");

        // business-team: one mail over SMTP with the default subject and HTML body
        MimeMessage mail =
            Eventually.await(
                WAIT,
                "the email",
                () ->
                    SMTP.getReceivedMessages().length == 0 ? null : SMTP.getReceivedMessages()[0]);
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("business-team@llamawool.com");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("alerts@llamawool.com");
        assertThat(mail.getSubject()).startsWith("[FIRING:1] " + ALERT);
        assertThat(GreenMailUtil.getBody(mail)).contains("Latency on checkout");
      }
    }
  }

  private static JsonNode first(WebhookSink sink, String field) {
    List<JsonNode> got = sink.received().stream().filter(b -> b.has(field)).toList();
    return got.isEmpty() ? null : got.get(0);
  }

  private static Path seed() throws Exception {
    return Path.of(SeedReceiversIT.class.getResource("/seed-alertmanager.yml").toURI());
  }

  /** A copy of the seed pointed at the sinks, and a rule that fires on one sample. */
  private static Settings settings(Path dir, String sinkUrl, int smtpPort) throws Exception {
    String yaml =
        Files.readString(seed(), StandardCharsets.UTF_8)
            .replace("https://hooks.slack.com", sinkUrl + "/slack")
            .replace("smtp.gmail.com:587", "127.0.0.1:" + smtpPort)
            .replace(
                "global:\n",
                "global:\n  pagerduty_url: '"
                    + sinkUrl
                    + "/pagerduty'\n  smtp_require_tls: false\n");
    Path routing = Files.writeString(dir.resolve("alertmanager.yml"), yaml);
    Path rules =
        Files.writeString(
            dir.resolve("rules.yml"),
            """
            groups:
              - name: seed
                rules:
                  - alert: %s
                    expr: seed_checkout_latency_seconds > 1
                    labels: {severity: critical, team: business}
                    annotations:
                      summary: "Latency on {{ $labels.service }}"
                      description: "p99 is {{ $value }}s"
            """
                .formatted(ALERT));
    Map<String, String> m = new HashMap<>(Service.freePorts());
    m.put("RULES_FILE", rules.toString());
    m.put("RULES_TICK_INTERVAL", "200ms");
    m.put("NOTIFIER_CONFIG", routing.toString());
    m.put(
        "INCIDENT_DB_URL",
        "jdbc:h2:mem:seed-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    return Settings.of(m);
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
