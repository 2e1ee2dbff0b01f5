package dev.alerting.notify.receiver.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * An integration's {@code http_config} (Prometheus common HTTPClientConfig), resolved: secrets read
 * from their {@code *_file}, at most one way to authenticate. Options we cannot apply (oauth2,
 * proxy_connect_header, ...) are rejected by the parser, never silently dropped.
 */
public record HttpConfig(
    Optional<String> authorization,
    Optional<TlsConfig> tls,
    Optional<URI> proxyUrl,
    boolean followRedirects) {

  public static final HttpConfig DEFAULT =
      new HttpConfig(Optional.empty(), Optional.empty(), Optional.empty(), true);

  public HttpConfig {
    authorization = authorization == null ? Optional.empty() : authorization;
    tls = tls == null ? Optional.empty() : tls;
    proxyUrl = proxyUrl == null ? Optional.empty() : proxyUrl;
    proxyUrl.ifPresent(
        p -> {
          if (!"http".equals(p.getScheme()) || p.getHost() == null || p.getPort() < 0) {
            throw new IllegalArgumentException(
                "proxy_url '" + p + "' must be http://host:port (the only proxy kind supported)");
          }
        });
  }

  /** {@code basic_auth}: the header value Alertmanager sends. */
  public static String basic(String username, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(
                (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** {@code authorization}: type (default Bearer) and credentials, as one header value. */
  public static String typed(String type, String credentials) {
    return (type == null || type.isBlank() ? "Bearer" : type) + " " + credentials;
  }

  /** A copy whose Authorization header is {@code value} (integrations that set their own). */
  public HttpConfig withAuthorization(String value) {
    return new HttpConfig(Optional.of(value), tls, proxyUrl, followRedirects);
  }

  /** The values never to show: the Authorization header and proxy credentials. */
  public List<String> secrets() {
    List<String> s = new ArrayList<>();
    authorization.ifPresent(
        a -> {
          s.add(a);
          int space = a.indexOf(' ');
          if (space > 0) {
            s.add(a.substring(space + 1));
          }
        });
    proxyUrl.map(URI::getUserInfo).ifPresent(s::add);
    tls.flatMap(TlsConfig::keyFile).ifPresent(s::add);
    return s;
  }

  /** {@code tls_config}: files are paths to PEM files. */
  public record TlsConfig(
      Optional<String> caFile,
      Optional<String> certFile,
      Optional<String> keyFile,
      Optional<String> serverName,
      boolean insecureSkipVerify) {
    public TlsConfig {
      if (certFile.isPresent() != keyFile.isPresent()) {
        throw new IllegalArgumentException("cert_file and key_file must be given together");
      }
    }
  }
}
