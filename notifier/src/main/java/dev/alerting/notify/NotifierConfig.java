package dev.alerting.notify;

import dev.alerting.notify.config.AlertmanagerConfig;
import dev.alerting.notify.config.ConfigError;
import dev.alerting.notify.config.ConfigLoader;
import dev.alerting.notify.config.TemplateFiles;
import dev.alerting.notify.receiver.DeliverySettings;
import dev.alerting.notify.receiver.RetryPolicy;
import dev.alerting.platform.config.ConfigException;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.http.AccessTokens;
import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.template.Templates;
import dev.alerting.template.alertmanager.NotificationTemplates;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The notifier's validated configuration. The Alertmanager file is loaded here, so a bad route or
 * receiver stops the service at start-up with one message naming {@code NOTIFIER_CONFIG} and the
 * key path in the file.
 */
public record NotifierConfig(
    int httpPort,
    Optional<Path> configPath,
    AlertmanagerConfig alertmanager,
    String externalUrl,
    Duration httpTimeout,
    RetryPolicy retry,
    DeliverySettings delivery,
    Templates templates,
    KafkaSettings kafka,
    boolean strictConfig,
    AccessTokens authTokens) {

  /** HTTP port for health, metrics and the groups API; 0 picks a free port. */
  public static final String HTTP_PORT = "NOTIFIER_HTTP_PORT";

  /**
   * An Alertmanager configuration file; unset routes everything to one log receiver named "log".
   */
  public static final String CONFIG = "NOTIFIER_CONFIG";

  /** This notifier's public URL, sent as {@code externalURL} in every payload. */
  public static final String EXTERNAL_URL = "NOTIFIER_EXTERNAL_URL";

  /** How long one webhook request may take (a webhook_config's own {@code timeout} wins). */
  public static final String HTTP_TIMEOUT = "NOTIFIER_HTTP_TIMEOUT";

  /** The wait after the first failed attempt; it doubles with each further failure. */
  public static final String RETRY_INITIAL_BACKOFF = "NOTIFIER_RETRY_INITIAL_BACKOFF";

  /** The longest wait between two attempts. */
  public static final String RETRY_MAX_BACKOFF = "NOTIFIER_RETRY_MAX_BACKOFF";

  /** Attempts per notification before it is counted as failed (reason retries_exhausted). */
  public static final String RETRY_MAX_ATTEMPTS = "NOTIFIER_RETRY_MAX_ATTEMPTS";

  /**
   * When true, unknown fields in the routing file are errors, as in Alertmanager; by default they
   * are warnings.
   */
  public static final String CONFIG_STRICT = "NOTIFIER_CONFIG_STRICT";

  /**
   * Bearer tokens with roles, {@code role:token,…}: when set, creating or expiring silences,
   * posting alerts and retrying a dead letter need a {@code write} token and {@code POST /-/reload}
   * an {@code admin} one. Unset: no authentication. Reads stay open.
   */
  public static final String AUTH_TOKENS = "NOTIFIER_AUTH_TOKENS";

  public static NotifierConfig from(Settings s) {
    Optional<Path> path = s.existingPath(CONFIG);
    boolean strict = s.bool(CONFIG_STRICT, false);
    Duration initial =
        positive(RETRY_INITIAL_BACKOFF, s.duration(RETRY_INITIAL_BACKOFF, Duration.ofMillis(500)));
    Duration max =
        positive(RETRY_MAX_BACKOFF, s.duration(RETRY_MAX_BACKOFF, Duration.ofSeconds(30)));
    if (max.compareTo(initial) < 0) {
      throw new ConfigException(RETRY_MAX_BACKOFF, "must not be below " + RETRY_INITIAL_BACKOFF);
    }
    return new NotifierConfig(
        s.port(HTTP_PORT, 8082),
        path,
        path.map(p -> load(p, strict)).orElseGet(AlertmanagerConfig::defaults),
        url(s.string(EXTERNAL_URL, "http://localhost:8082")),
        positive(HTTP_TIMEOUT, s.duration(HTTP_TIMEOUT, Duration.ofSeconds(10))),
        new RetryPolicy(initial, max, s.intInRange(RETRY_MAX_ATTEMPTS, 10, 1, 1000)),
        DeliverySettings.from(s),
        path.map(NotifierConfig::templates).orElseGet(NotificationTemplates::defaults),
        s.kafka(),
        strict,
        tokens(s));
  }

  private static AccessTokens tokens(Settings s) {
    return AccessTokens.from(s, AUTH_TOKENS);
  }

  private static AlertmanagerConfig load(Path path, boolean strict) {
    try {
      return ConfigLoader.load(path, strict);
    } catch (ConfigError e) {
      throw new ConfigException(CONFIG, path + ": " + e.getMessage());
    }
  }

  private static Templates templates(Path path) {
    try {
      return TemplateFiles.load(path);
    } catch (ConfigError e) {
      throw new ConfigException(CONFIG, path + ": " + e.getMessage());
    }
  }

  private static Duration positive(String key, Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(key, "must be positive");
    }
    return d;
  }

  private static String url(String value) {
    try {
      URI u = new URI(value);
      if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
        throw new ConfigException(
            EXTERNAL_URL, "'" + value + "' is not an http(s) URL with a host");
      }
      return value;
    } catch (URISyntaxException e) {
      throw new ConfigException(EXTERNAL_URL, "'" + value + "' is not a URL: " + e.getReason());
    }
  }
}
