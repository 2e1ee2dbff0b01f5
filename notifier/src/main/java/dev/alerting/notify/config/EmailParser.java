package dev.alerting.notify.config;

import dev.alerting.notify.receiver.email.EmailConfig;
import java.util.List;
import java.util.Set;

/** Reads {@code email_configs}, falling back to the global {@code smtp_*} settings. */
final class EmailParser {
  private static final Set<String> KEYS =
      Set.of(
          "send_resolved",
          "to",
          "from",
          "hello",
          "smarthost",
          "auth_username",
          "auth_password",
          "auth_password_file",
          "auth_secret",
          "auth_secret_file",
          "auth_identity",
          "require_tls",
          "tls_config",
          "headers",
          "html",
          "text");

  private EmailParser() {}

  static EmailConfig email(Node c, GlobalConfig g, List<String> warnings) {
    c.warnUnknown(KEYS, warnings);
    String to = c.string("to").orElse("");
    String key =
        to.isBlank() ? "to" : c.has("from") || !g.smtpFrom().isBlank() ? "smarthost" : "from";
    String password = Secrets.read(c, "auth_password").orElse(g.smtpAuthPassword());
    String secret = Secrets.read(c, "auth_secret").orElse(g.smtpAuthSecret());
    return c.parse(
        key,
        () ->
            new EmailConfig(
                to,
                c.string("from").orElse(g.smtpFrom()),
                c.string("hello").orElse(g.smtpHello()),
                c.string("smarthost").orElse(g.smtpSmarthost()),
                c.string("auth_username").orElse(g.smtpAuthUsername()),
                password,
                secret,
                c.string("auth_identity").orElse(g.smtpAuthIdentity()),
                c.bool("require_tls", g.smtpRequireTls()),
                c.object("tls_config").map(HttpConfigParser::tls).or(g::smtpTls),
                c.stringMap("headers"),
                c.string("html").orElse(null),
                c.string("text").orElse(null),
                c.bool("send_resolved", false)));
  }
}
