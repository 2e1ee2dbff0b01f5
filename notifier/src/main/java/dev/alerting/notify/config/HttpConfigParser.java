package dev.alerting.notify.config;

import dev.alerting.notify.receiver.http.HttpConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an {@code http_config}. Every option is applied or refused: a key we cannot honour (oauth2,
 * proxy_connect_header, tls server_name, ...) stops start-up naming it, because silently ignoring a
 * security setting would send requests the user did not configure.
 */
final class HttpConfigParser {
  private static final Set<String> KEYS =
      Set.of(
          "basic_auth",
          "authorization",
          "bearer_token",
          "bearer_token_file",
          "tls_config",
          "proxy_url",
          "follow_redirects",
          "enable_http2");
  private static final Set<String> BASIC = Set.of("username", "password", "password_file");
  private static final Set<String> AUTHORIZATION =
      Set.of("type", "credentials", "credentials_file");
  static final Set<String> TLS = Set.of("ca_file", "cert_file", "key_file", "insecure_skip_verify");

  private HttpConfigParser() {}

  /** The integration's http_config, or the global one when it has none. */
  static HttpConfig parse(Node integration, HttpConfig global) {
    return integration.object("http_config").map(HttpConfigParser::parse).orElse(global);
  }

  static HttpConfig parse(Node h) {
    refuseUnknown(h, KEYS);
    List<String> auth = new ArrayList<>();
    Optional<String> header = Optional.empty();
    Optional<Node> basic = h.object("basic_auth");
    if (basic.isPresent()) {
      Node b = basic.get();
      refuseUnknown(b, BASIC);
      header =
          Optional.of(
              HttpConfig.basic(
                  b.string("username").orElse(""), Secrets.read(b, "password").orElse("")));
      auth.add("basic_auth");
    }
    Optional<Node> authorization = h.object("authorization");
    if (authorization.isPresent()) {
      Node a = authorization.get();
      refuseUnknown(a, AUTHORIZATION);
      String type = a.string("type").orElse("Bearer");
      if (type.equalsIgnoreCase("basic")) {
        throw a.error("type", "Basic is not allowed here; use basic_auth");
      }
      String credentials =
          Secrets.read(a, "credentials").orElseThrow(() -> a.error("credentials", "is required"));
      header = Optional.of(HttpConfig.typed(type, credentials));
      auth.add("authorization");
    }
    Optional<String> bearer = Secrets.read(h, "bearer_token");
    if (bearer.isPresent()) {
      header = Optional.of(HttpConfig.typed("Bearer", bearer.get()));
      auth.add("bearer_token");
    }
    if (auth.size() > 1) {
      throw h.error(
          auth.get(1), "at most one of basic_auth, authorization and bearer_token may be set");
    }
    Optional<String> authHeader = header;
    return h.build(
        () ->
            new HttpConfig(
                authHeader,
                h.object("tls_config").map(HttpConfigParser::tls),
                h.string("proxy_url").map(p -> proxy(h, p)),
                h.bool("follow_redirects", true)));
  }

  static HttpConfig.TlsConfig tls(Node t) {
    refuseUnknown(t, TLS);
    return t.build(
        () ->
            new HttpConfig.TlsConfig(
                t.string("ca_file"),
                t.string("cert_file"),
                t.string("key_file"),
                Optional.empty(),
                t.bool("insecure_skip_verify", false)));
  }

  private static URI proxy(Node h, String value) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw h.error("proxy_url", "'" + value + "' is not a URL: " + e.getReason());
    }
  }

  /** Unknown or unsupported keys are errors here, not warnings (see the class comment). */
  static void refuseUnknown(Node n, Set<String> supported) {
    List<String> warnings = new ArrayList<>();
    n.warnUnknown(supported, warnings);
    if (!warnings.isEmpty()) {
      String first = warnings.get(0);
      String path = first.substring(0, first.indexOf(':'));
      throw new ConfigError(path, "not supported by this notifier (remove it or ask for it)");
    }
  }
}
