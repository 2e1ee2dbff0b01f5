package dev.alerting.notify.receiver.email;

import dev.alerting.notify.receiver.Channels;
import dev.alerting.notify.receiver.Integration;
import dev.alerting.notify.receiver.Notifier;
import dev.alerting.notify.receiver.http.HttpConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code email_configs} entry. {@code headers} already hold Alertmanager's defaults (To, From,
 * Subject) under the user's; header values, {@code html} and {@code text} are templates.
 */
public record EmailConfig(
    String to,
    String from,
    String hello,
    String smarthost,
    String authUsername,
    String authPassword,
    String authSecret,
    String authIdentity,
    boolean requireTls,
    Optional<HttpConfig.TlsConfig> tls,
    Map<String, String> headers,
    String html,
    String text,
    boolean sendResolved)
    implements Integration {

  public static final String DEFAULT_SUBJECT = "{{ template \"email.default.subject\" . }}";
  public static final String DEFAULT_HTML = "{{ template \"email.default.html\" . }}";

  public EmailConfig {
    if (to == null || to.isBlank()) {
      throw new IllegalArgumentException("to is required");
    }
    if (from == null || from.isBlank()) {
      throw new IllegalArgumentException("from is required (here or as global.smtp_from)");
    }
    if (smarthost == null || smarthost.isBlank()) {
      throw new IllegalArgumentException(
          "smarthost is required (here or as global.smtp_smarthost)");
    }
    if (!smarthost.matches(".+:\\d+")) {
      throw new IllegalArgumentException("smarthost '" + smarthost + "' is not host:port");
    }
    hello = hello == null || hello.isBlank() ? "localhost" : hello;
    authUsername = authUsername == null ? "" : authUsername;
    authPassword = authPassword == null ? "" : authPassword;
    authSecret = authSecret == null ? "" : authSecret;
    authIdentity = authIdentity == null ? "" : authIdentity;
    if (!authIdentity.isEmpty() && !authIdentity.equals(authUsername)) {
      throw new IllegalArgumentException(
          "auth_identity other than auth_username is not supported (PLAIN authorization identity)");
    }
    tls = tls == null ? Optional.empty() : tls;
    Map<String, String> h = new LinkedHashMap<>();
    h.put("From", from);
    h.put("To", to);
    h.put("Subject", DEFAULT_SUBJECT);
    headers.forEach((k, v) -> h.put(canonical(k), v));
    headers = java.util.Collections.unmodifiableMap(h);
    html = html == null ? DEFAULT_HTML : html;
    text = text == null ? "" : text;
  }

  /** Go's canonical MIME header key, as Alertmanager stores header names: x-team → X-Team. */
  static String canonical(String key) {
    StringBuilder b = new StringBuilder(key.length());
    boolean upper = true;
    for (char ch : key.toCharArray()) {
      b.append(upper ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
      upper = ch == '-';
    }
    return b.toString();
  }

  public String host() {
    return smarthost.substring(0, smarthost.lastIndexOf(':'));
  }

  public int port() {
    return Integer.parseInt(smarthost.substring(smarthost.lastIndexOf(':') + 1));
  }

  @Override
  public String name() {
    return "email";
  }

  @Override
  public List<String> secrets() {
    return new ArrayList<>(List.of(authPassword, authSecret));
  }

  @Override
  public Notifier notifier(Channels channels) {
    return new EmailNotifier(channels, this);
  }
}
