package dev.alerting.notify.config;

import dev.alerting.notify.receiver.discord.DiscordConfig;
import dev.alerting.notify.receiver.http.HttpConfig;
import dev.alerting.notify.receiver.msteams.MsteamsConfig;
import dev.alerting.notify.receiver.slack.SlackConfig;
import dev.alerting.notify.receiver.telegram.TelegramConfig;
import dev.alerting.notify.receiver.webex.WebexConfig;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the chat integrations: Slack, Telegram, Discord, Webex, Microsoft Teams. */
final class ChatParsers {
  private static final Set<String> SLACK =
      Set.of(
          "send_resolved",
          "http_config",
          "api_url",
          "api_url_file",
          "app_token",
          "app_token_file",
          "app_url",
          "channel",
          "username",
          "color",
          "title",
          "title_link",
          "pretext",
          "text",
          "fields",
          "short_fields",
          "footer",
          "fallback",
          "callback_id",
          "icon_emoji",
          "icon_url",
          "image_url",
          "thumb_url",
          "link_names",
          "mrkdwn_in",
          "actions",
          "timeout");
  private static final Set<String> TELEGRAM =
      Set.of(
          "send_resolved",
          "http_config",
          "api_url",
          "bot_token",
          "bot_token_file",
          "chat_id",
          "message_thread_id",
          "message",
          "disable_notifications",
          "parse_mode");
  private static final Set<String> DISCORD =
      Set.of(
          "send_resolved",
          "http_config",
          "webhook_url",
          "webhook_url_file",
          "title",
          "message",
          "content",
          "username",
          "avatar_url");
  private static final Set<String> WEBEX =
      Set.of("send_resolved", "http_config", "api_url", "room_id", "message");
  private static final Set<String> MSTEAMS =
      Set.of(
          "send_resolved",
          "http_config",
          "webhook_url",
          "webhook_url_file",
          "title",
          "summary",
          "text");

  private final GlobalConfig global;
  private final List<String> warnings;

  ChatParsers(GlobalConfig global, List<String> warnings) {
    this.global = global;
    this.warnings = warnings;
  }

  private static String tmpl(String name) {
    return "{{ template \"" + name + "\" . }}";
  }

  SlackConfig slack(Node c) {
    c.warnUnknown(SLACK, warnings);
    HttpConfig http = HttpConfigParser.parse(c, global.http());
    Optional<String> appToken = Secrets.read(c, "app_token");
    if (appToken.isPresent()) {
      http = http.withAuthorization(HttpConfig.typed("Bearer", appToken.get()));
    }
    String apiUrl =
        Secrets.read(c, "api_url")
            .or(
                () ->
                    appToken.map(
                        t -> c.string("app_url").orElse("https://slack.com/api/chat.postMessage")))
            .orElse(global.slackApiUrl());
    List<SlackConfig.Field> fields =
        c.objects("fields").stream()
            .map(
                f ->
                    f.build(
                        () ->
                            new SlackConfig.Field(
                                f.string("title").orElse(""),
                                f.string("value").orElse(""),
                                f.has("short")
                                    ? Optional.of(f.bool("short", false))
                                    : Optional.empty())))
            .toList();
    List<SlackConfig.Action> actions =
        c.objects("actions").stream().map(ChatParsers::action).toList();
    HttpConfig h = http;
    return c.parse(
        "api_url",
        () ->
            new SlackConfig(
                apiUrl,
                c.bool("send_resolved", false),
                c.string("channel").orElse(""),
                c.string("username").orElse(tmpl("slack.default.username")),
                c.string("color").orElse(SlackConfig.DEFAULT_COLOR),
                c.string("title").orElse(tmpl("slack.default.title")),
                c.string("title_link").orElse(tmpl("slack.default.titlelink")),
                c.string("pretext").orElse(tmpl("slack.default.pretext")),
                c.string("text").orElse(tmpl("slack.default.text")),
                fields,
                c.bool("short_fields", false),
                c.string("footer").orElse(tmpl("slack.default.footer")),
                c.string("fallback").orElse(tmpl("slack.default.fallback")),
                c.string("callback_id").orElse(tmpl("slack.default.callbackid")),
                c.string("icon_emoji").orElse(tmpl("slack.default.iconemoji")),
                c.string("icon_url").orElse(tmpl("slack.default.iconurl")),
                c.string("image_url").orElse(""),
                c.string("thumb_url").orElse(""),
                c.bool("link_names", false),
                c.has("mrkdwn_in") ? c.strings("mrkdwn_in") : SlackConfig.DEFAULT_MRKDWN_IN,
                actions,
                h,
                c.duration("timeout")));
  }

  private static SlackConfig.Action action(Node a) {
    Optional<SlackConfig.Confirm> confirm =
        a.object("confirm")
            .map(
                cf ->
                    cf.build(
                        () ->
                            new SlackConfig.Confirm(
                                cf.string("title").orElse(""),
                                cf.string("text").orElse(""),
                                cf.string("ok_text").orElse(""),
                                cf.string("dismiss_text").orElse(""))));
    return a.build(
        () ->
            new SlackConfig.Action(
                a.string("type").orElse(""),
                a.string("text").orElse(""),
                a.string("url").orElse(""),
                a.string("style").orElse(""),
                a.string("name").orElse(""),
                a.string("value").orElse(""),
                confirm));
  }

  TelegramConfig telegram(Node c) {
    c.warnUnknown(TELEGRAM, warnings);
    HttpConfig http = HttpConfigParser.parse(c, global.http());
    String token = Secrets.read(c, "bot_token").orElse("");
    long chat = c.parse("chat_id", () -> Long.parseLong(c.string("chat_id").orElse("0").strip()));
    return c.parse(
        "bot_token",
        () ->
            new TelegramConfig(
                c.string("api_url").orElse(global.telegramApiUrl()),
                token,
                chat,
                c.integer("message_thread_id", 0),
                c.string("message").orElse(tmpl("telegram.default.message")),
                c.bool("disable_notifications", false),
                c.string("parse_mode").orElse("HTML"),
                c.bool("send_resolved", true),
                http));
  }

  DiscordConfig discord(Node c) {
    c.warnUnknown(DISCORD, warnings);
    HttpConfig http = HttpConfigParser.parse(c, global.http());
    String url = Secrets.read(c, "webhook_url").orElse("");
    return c.parse(
        "webhook_url",
        () ->
            new DiscordConfig(
                url,
                c.string("title").orElse(tmpl("discord.default.title")),
                c.string("message").orElse(tmpl("discord.default.message")),
                c.string("content").orElse(""),
                c.string("username").orElse(""),
                c.string("avatar_url").orElse(""),
                c.bool("send_resolved", true),
                http));
  }

  WebexConfig webex(Node c) {
    c.warnUnknown(WEBEX, warnings);
    HttpConfig http = HttpConfigParser.parse(c, global.http());
    return c.parse(
        "room_id",
        () ->
            new WebexConfig(
                c.string("api_url").orElse(global.webexApiUrl()),
                c.string("room_id").orElse(""),
                c.string("message").orElse(tmpl("webex.default.message")),
                c.bool("send_resolved", true),
                http));
  }

  MsteamsConfig msteams(Node c, boolean workflow) {
    c.warnUnknown(MSTEAMS, warnings);
    HttpConfig http = HttpConfigParser.parse(c, global.http());
    String url = Secrets.read(c, "webhook_url").orElse("");
    String prefix = workflow ? "msteamsv2" : "msteams";
    return c.parse(
        "webhook_url",
        () ->
            new MsteamsConfig(
                workflow,
                url,
                c.string("title").orElse(tmpl(prefix + ".default.title")),
                c.string("summary").orElse(tmpl(prefix + ".default.summary")),
                c.string("text").orElse(tmpl(prefix + ".default.text")),
                c.bool("send_resolved", true),
                http));
  }
}
