package dev.alerting.notify.config;

import dev.alerting.notify.receiver.Integration;
import dev.alerting.notify.receiver.Receiver;
import dev.alerting.notify.receiver.email.EmailConfig;
import dev.alerting.notify.receiver.opsgenie.OpsgenieConfig;
import dev.alerting.notify.receiver.pagerduty.PagerdutyConfig;
import dev.alerting.notify.receiver.slack.SlackConfig;
import dev.alerting.notify.receiver.webhook.WebhookConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds receivers. Only the keys our integrations use are read; the many template fields of Slack,
 * PagerDuty and email configs are accepted without comment until those integrations exist.
 */
final class ReceiverParser {
  private static final Set<String> IMPLEMENTED =
      Set.of(
          "webhook_configs",
          "slack_configs",
          "pagerduty_configs",
          "email_configs",
          "opsgenie_configs");
  private static final Set<String> KNOWN_UNSUPPORTED =
      Set.of(
          "wechat_configs",
          "pushover_configs",
          "victorops_configs",
          "sns_configs",
          "telegram_configs",
          "webex_configs",
          "discord_configs",
          "msteams_configs",
          "msteamsv2_configs",
          "jira_configs",
          "rocketchat_configs",
          "incidentio_configs");
  private static final Set<String> WEBHOOK_KEYS =
      Set.of("url", "url_file", "send_resolved", "max_alerts", "timeout", "http_config");

  private final GlobalConfig global;
  private final List<String> warnings;

  ReceiverParser(GlobalConfig global, List<String> warnings) {
    this.global = global;
    this.warnings = warnings;
  }

  Receiver receiver(Node n) {
    String name = n.required("name");
    n.warnUnknown(union(), warnings);
    for (String k : KNOWN_UNSUPPORTED) {
      if (n.has(k)) {
        warnings.add(n.pathOf(k) + ": integration not supported, ignored");
      }
    }
    List<Integration> integrations = new ArrayList<>();
    n.objects("webhook_configs").forEach(c -> integrations.add(webhook(c)));
    n.objects("slack_configs").forEach(c -> integrations.add(slack(c)));
    n.objects("pagerduty_configs").forEach(c -> integrations.add(pagerduty(c)));
    n.objects("email_configs").forEach(c -> integrations.add(email(c)));
    n.objects("opsgenie_configs").forEach(c -> integrations.add(opsgenie(c)));
    return n.build(() -> new Receiver(name, integrations));
  }

  private static Set<String> union() {
    Set<String> s = new java.util.HashSet<>(IMPLEMENTED);
    s.addAll(KNOWN_UNSUPPORTED);
    s.add("name");
    return s;
  }

  private WebhookConfig webhook(Node c) {
    c.warnUnknown(WEBHOOK_KEYS, warnings);
    String url = c.string("url").filter(s -> !s.isBlank()).orElseGet(() -> urlFile(c));
    URI uri = c.parse("url", () -> uri(url));
    return c.parse(
        "url",
        () ->
            new WebhookConfig(
                uri,
                c.bool("send_resolved", true),
                c.integer("max_alerts", 0),
                c.duration("timeout")));
  }

  private static String urlFile(Node c) {
    String file =
        c.string("url_file")
            .orElseThrow(() -> c.error("url", "one of url or url_file is required"));
    try {
      return Files.readString(Path.of(file)).trim();
    } catch (IOException e) {
      throw c.error("url_file", "cannot read " + file + ": " + e.getMessage());
    }
  }

  private static URI uri(String s) {
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + s + "' is not a URL: " + e.getReason());
    }
  }

  private SlackConfig slack(Node c) {
    String apiUrl =
        c.string("api_url").or(() -> c.string("api_url_file")).orElse(global.slackApiUrl());
    return c.parse(
        "api_url",
        () ->
            new SlackConfig(
                apiUrl, c.string("channel").orElse(""), c.bool("send_resolved", false)));
  }

  private PagerdutyConfig pagerduty(Node c) {
    return c.parse(
        "routing_key",
        () ->
            new PagerdutyConfig(
                c.string("routing_key").or(() -> c.string("routing_key_file")).orElse(""),
                c.string("service_key").or(() -> c.string("service_key_file")).orElse(""),
                c.string("url").orElse(global.pagerdutyUrl()),
                c.bool("send_resolved", true)));
  }

  private EmailConfig email(Node c) {
    String to = c.string("to").orElse("");
    String key =
        to.isBlank() ? "to" : c.has("from") || !global.smtpFrom().isBlank() ? "smarthost" : "from";
    return c.parse(
        key,
        () ->
            new EmailConfig(
                to,
                c.string("from").orElse(global.smtpFrom()),
                c.string("smarthost").orElse(global.smtpSmarthost()),
                c.bool("send_resolved", false)));
  }

  private OpsgenieConfig opsgenie(Node c) {
    return c.parse(
        "api_key",
        () ->
            new OpsgenieConfig(
                c.string("api_key")
                    .or(() -> c.string("api_key_file"))
                    .orElse(global.opsgenieApiKey()),
                c.string("api_url").orElse(global.opsgenieApiUrl()),
                c.bool("send_resolved", true)));
  }
}
