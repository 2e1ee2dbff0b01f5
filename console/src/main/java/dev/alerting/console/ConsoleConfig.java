package dev.alerting.console;

import dev.alerting.platform.config.ConfigException;
import dev.alerting.platform.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the console reads from its configuration, validated once at start-up.
 *
 * @param httpPort port of the page and its proxy; 0 picks a free one
 * @param upstreams the public base URL of each service, by the proxy prefix that reaches it
 * @param timeout how long a proxied call may wait for the service's answer to begin (the incident
 *     stream, once it answers, stays open)
 */
public record ConsoleConfig(int httpPort, Map<String, URI> upstreams, Duration timeout) {

  /** Port of the console (default 8084). */
  public static final String HTTP_PORT = "CONSOLE_PORT";

  /** Base URL of metrics-ingest (default http://localhost:8080). */
  public static final String INGEST_URL = "CONSOLE_INGEST_URL";

  /** Base URL of the rule engine (default http://localhost:8081). */
  public static final String RULES_URL = "CONSOLE_RULES_URL";

  /** Base URL of the notifier (default http://localhost:8082). */
  public static final String NOTIFIER_URL = "CONSOLE_NOTIFIER_URL";

  /** Base URL of the incident service (default http://localhost:8083). */
  public static final String INCIDENTS_URL = "CONSOLE_INCIDENTS_URL";

  /** How long a proxied call waits for a service to answer (default 10s). */
  public static final String TIMEOUT = "CONSOLE_UPSTREAM_TIMEOUT";

  public ConsoleConfig {
    upstreams = Map.copyOf(upstreams);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new ConfigException(TIMEOUT, "must be positive");
    }
  }

  public static ConsoleConfig from(Settings s) {
    Map<String, URI> up = new LinkedHashMap<>();
    up.put("ingest", url(s, INGEST_URL, "http://localhost:8080"));
    up.put("rules", url(s, RULES_URL, "http://localhost:8081"));
    up.put("notifier", url(s, NOTIFIER_URL, "http://localhost:8082"));
    up.put("incidents", url(s, INCIDENTS_URL, "http://localhost:8083"));
    return new ConsoleConfig(
        s.port(HTTP_PORT, 8084), up, s.duration(TIMEOUT, Duration.ofSeconds(10)));
  }

  /** An http:// or https:// URL with a host; a path is kept as the prefix of every proxied path. */
  private static URI url(Settings s, String key, String fallback) {
    String value = s.string(key, fallback).strip();
    URI u;
    try {
      u = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    } catch (URISyntaxException e) {
      throw new ConfigException(key, "'" + value + "' is not a URL: " + e.getReason());
    }
    boolean web = "http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme());
    if (!web || u.getHost() == null) {
      throw new ConfigException(
          key,
          "'"
              + value
              + "' must be an http:// or https:// URL with a host, e.g. http://localhost:8083");
    }
    if (u.getQuery() != null || u.getFragment() != null) {
      throw new ConfigException(key, "'" + value + "' must not have a query or fragment");
    }
    return u;
  }
}
