package dev.alerting.notify.config;

import java.util.List;
import java.util.Set;

/** Reads the {@code global} section. */
final class GlobalParser {
  private static final Set<String> KEYS =
      Set.of(
          "resolve_timeout",
          "http_config",
          "smtp_from",
          "smtp_hello",
          "smtp_smarthost",
          "smtp_auth_username",
          "smtp_auth_password",
          "smtp_auth_password_file",
          "smtp_auth_secret",
          "smtp_auth_secret_file",
          "smtp_auth_identity",
          "smtp_require_tls",
          "smtp_tls_config",
          "slack_api_url",
          "slack_api_url_file",
          "victorops_api_key",
          "victorops_api_key_file",
          "victorops_api_url",
          "pagerduty_url",
          "opsgenie_api_key",
          "opsgenie_api_key_file",
          "opsgenie_api_url",
          "wechat_api_url",
          "wechat_api_secret",
          "wechat_api_corp_id",
          "telegram_api_url",
          "webex_api_url",
          "jira_api_url",
          "rocketchat_api_url",
          "rocketchat_token",
          "rocketchat_token_id",
          "rocketchat_token_file",
          "rocketchat_token_id_file");

  private GlobalParser() {}

  static GlobalConfig parse(Node root, List<String> warnings) {
    Node g = root.object("global").orElse(null);
    if (g == null) {
      return GlobalConfig.defaults();
    }
    g.warnUnknown(KEYS, warnings);
    return g.build(
        () ->
            new GlobalConfig(
                g.duration("resolve_timeout").orElse(GlobalConfig.DEFAULT_RESOLVE_TIMEOUT),
                g.object("http_config").map(HttpConfigParser::parse).orElse(null),
                g.string("smtp_from").orElse(""),
                g.string("smtp_hello").orElse("localhost"),
                g.string("smtp_smarthost").orElse(""),
                g.string("smtp_auth_username").orElse(""),
                Secrets.read(g, "smtp_auth_password").orElse(""),
                Secrets.read(g, "smtp_auth_secret").orElse(""),
                g.string("smtp_auth_identity").orElse(""),
                g.bool("smtp_require_tls", true),
                g.object("smtp_tls_config").map(HttpConfigParser::tls),
                Secrets.read(g, "slack_api_url").orElse(""),
                Secrets.read(g, "opsgenie_api_key").orElse(""),
                g.string("opsgenie_api_url").orElse(""),
                g.string("pagerduty_url").orElse(""),
                g.string("telegram_api_url").orElse(""),
                g.string("webex_api_url").orElse("")));
  }
}
