package dev.alerting.template.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.template.Templates;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DefaultTemplatesTest {
  private static final Templates DEFAULTS = NotificationTemplates.defaults();

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "__subject",
        "__alertmanager",
        "__alertmanagerURL",
        "__text_alert_list",
        "slack.default.title",
        "slack.default.username",
        "slack.default.fallback",
        "slack.default.callbackid",
        "slack.default.pretext",
        "slack.default.titlelink",
        "slack.default.iconemoji",
        "slack.default.iconurl",
        "slack.default.text",
        "slack.default.footer",
        "pagerduty.default.description",
        "pagerduty.default.client",
        "pagerduty.default.clientURL",
        "pagerduty.default.instances",
        "email.default.subject",
        "email.default.html",
        "opsgenie.default.message",
        "opsgenie.default.description",
        "opsgenie.default.source",
        "telegram.default.message",
        "msteams.default.title",
        "msteams.default.summary",
        "msteams.default.text",
        "msteamsv2.default.title",
        "msteamsv2.default.text",
        "discord.default.title",
        "discord.default.message",
        "webex.default.message"
      })
  @DisplayName("every define name users reference is defined")
  void defined(String name) {
    assertThat(DEFAULTS.defines(name)).isTrue();
  }

  @org.junit.jupiter.api.Test
  @DisplayName("the email body lists each alert's labels, annotations and source, escaped")
  void emailBodyListsAlertsEscaped() {
    Alert firing =
        new Alert(
            AlertStatus.FIRING,
            Labels.of("alertname", "Disk<Full>", "device", "/dev/sda1"),
            Map.of("summary", "91% & rising"),
            Instant.parse("2026-01-01T00:00:00Z"),
            null,
            "http://prom/graph?g0.expr=a&x=1");
    Alert resolved =
        new Alert(
            AlertStatus.RESOLVED,
            Labels.of("alertname", "Disk<Full>", "device", "/dev/sdb1"),
            Map.of(),
            Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T00:10:00Z"),
            "javascript:alert(1)");
    NotificationData data =
        NotificationData.of(
            "ops team",
            Labels.of("alertname", "Disk<Full>"),
            List.of(firing, resolved),
            "http://am");

    String html = DEFAULTS.executeHtml("email.default.html", data);

    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<title>[FIRING:1] Disk&lt;Full&gt; </title>")
        .contains("<a href=\"http://am/#/alerts?receiver=ops&#43;team\">")
        .contains("<h3>1 firing</h3>")
        .contains("<h3>1 resolved</h3>")
        .contains("<tr><td>device</td><td>/dev/sda1</td></tr>")
        .contains("<tr><td>device</td><td>/dev/sdb1</td></tr>")
        .contains("<tr><td>summary</td><td>91% &amp; rising</td></tr>")
        .contains("<a href=\"http://prom/graph?g0.expr=a&amp;x=1\">Source</a>")
        .contains("<a href=\"#ZgotmplZ\">Source</a>")
        .doesNotContain("<Full>");
  }
}
