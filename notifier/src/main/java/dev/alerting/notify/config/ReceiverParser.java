package dev.alerting.notify.config;

import dev.alerting.notify.receiver.Integration;
import dev.alerting.notify.receiver.Receiver;
import dev.alerting.notify.receiver.webhook.WebhookConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds receivers: each integration's keys are read by its parser (chat, paging, email, webhook).
 * Integrations we do not deliver to stop start-up naming them: a user who configured a pager must
 * not believe it works.
 */
final class ReceiverParser {
  private static final Set<String> UNSUPPORTED =
      Set.of(
          "wechat_configs",
          "pushover_configs",
          "victorops_configs",
          "sns_configs",
          "jira_configs",
          "rocketchat_configs",
          "incidentio_configs");
  private static final Set<String> WEBHOOK_KEYS =
      Set.of("url", "url_file", "send_resolved", "max_alerts", "timeout", "http_config");

  private final GlobalConfig global;
  private final List<String> warnings;
  private final ChatParsers chat;
  private final PagingParsers paging;

  ReceiverParser(GlobalConfig global, List<String> warnings) {
    this.global = global;
    this.warnings = warnings;
    this.chat = new ChatParsers(global, warnings);
    this.paging = new PagingParsers(global, warnings);
  }

  Receiver receiver(Node n) {
    String name = n.required("name");
    Set<String> known = new HashSet<>(UNSUPPORTED);
    known.addAll(
        List.of(
            "name",
            "webhook_configs",
            "slack_configs",
            "pagerduty_configs",
            "email_configs",
            "opsgenie_configs",
            "telegram_configs",
            "discord_configs",
            "webex_configs",
            "msteams_configs",
            "msteamsv2_configs"));
    n.warnUnknown(known, warnings);
    for (String k : UNSUPPORTED) {
      if (n.has(k)) {
        throw n.error(k, "integration not supported by this notifier");
      }
    }
    List<Integration> integrations = new ArrayList<>();
    add(n, "webhook_configs", this::webhook, integrations);
    add(n, "slack_configs", chat::slack, integrations);
    add(n, "pagerduty_configs", paging::pagerduty, integrations);
    add(n, "email_configs", c -> EmailParser.email(c, global, warnings), integrations);
    add(n, "opsgenie_configs", paging::opsgenie, integrations);
    add(n, "telegram_configs", chat::telegram, integrations);
    add(n, "discord_configs", chat::discord, integrations);
    add(n, "webex_configs", chat::webex, integrations);
    add(n, "msteams_configs", c -> chat.msteams(c, false), integrations);
    add(n, "msteamsv2_configs", c -> chat.msteams(c, true), integrations);
    return n.build(() -> new Receiver(name, integrations));
  }

  private static void add(
      Node n, String key, Function<Node, Integration> parse, List<Integration> into) {
    n.objects(key).forEach(c -> into.add(parse.apply(c)));
  }

  private WebhookConfig webhook(Node c) {
    c.warnUnknown(WEBHOOK_KEYS, warnings);
    String url =
        Secrets.read(c, "url")
            .orElseThrow(() -> c.error("url", "one of url or url_file is required"));
    URI uri = c.parse("url", () -> uri(url));
    var http = HttpConfigParser.parse(c, global.http());
    return c.parse(
        "url",
        () ->
            new WebhookConfig(
                uri,
                c.bool("send_resolved", true),
                c.integer("max_alerts", 0),
                c.duration("timeout"),
                http));
  }

  private static URI uri(String s) {
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      // the reason names the position, not the URL: it may hold a token
      throw new IllegalArgumentException("not a URL: " + e.getReason().replace(s, "<url>"));
    }
  }
}
