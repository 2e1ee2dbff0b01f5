package dev.alerting.incident;

import dev.alerting.incident.config.OnCallConfigError;
import dev.alerting.incident.config.OnCallSource;
import dev.alerting.incident.store.StoreSettings;
import dev.alerting.platform.config.ConfigException;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.http.AccessTokens;
import dev.alerting.platform.kafka.KafkaSettings;
import java.time.Duration;

/** The incident service's configuration, read and validated once at start-up. */
public record IncidentConfig(
    int httpPort,
    KafkaSettings kafka,
    String consumerGroup,
    StoreSettings store,
    Duration retryBackoff,
    OnCallSource oncall,
    Duration escalationTick,
    Duration oncallReloadInterval,
    AccessTokens authTokens) {

  /** Embedded H2 in the working directory, in PostgreSQL mode so the same SQL runs on both. */
  public static final String DEFAULT_DB_URL =
      "jdbc:h2:file:./.alerting/data/incidents;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH";

  /** The on-call file's key. */
  public static final String ONCALL_CONFIG = "INCIDENT_ONCALL_CONFIG";

  /**
   * Bearer tokens with roles, {@code role:token,…}: when set, every incident and on-call action (a
   * POST: acknowledge, resolve, assign, notes, merge, overrides, reload) needs a {@code write}
   * token. Unset: no authentication. Reads stay open.
   */
  public static final String AUTH_TOKENS = "INCIDENT_AUTH_TOKENS";

  public static IncidentConfig from(Settings s) {
    /* INCIDENT_HTTP_PORT: REST API, health and metrics port (0 = random). */
    int port = s.port("INCIDENT_HTTP_PORT", 8083);
    /* INCIDENT_KAFKA_GROUP: consumer group reading the alerts topic. */
    String group = s.string("INCIDENT_KAFKA_GROUP", "incident-service");
    /* INCIDENT_DB_URL: jdbc:postgresql://host:port/db or a jdbc:h2: URL (default embedded H2 file). */
    String url = s.string("INCIDENT_DB_URL", DEFAULT_DB_URL);
    /* INCIDENT_DB_USER: database user. */
    String user = s.string("INCIDENT_DB_USER", "postgres");
    /* INCIDENT_DB_PASSWORD: database password (empty for trust auth and H2). */
    String password = s.string("INCIDENT_DB_PASSWORD", "");
    /* INCIDENT_DB_POOL_SIZE: maximum JDBC connections. */
    int pool = s.intInRange("INCIDENT_DB_POOL_SIZE", 4, 1, 64);
    /* INCIDENT_RETRY_BACKOFF: pause before re-reading alert events after a database failure. */
    Duration backoff = s.duration("INCIDENT_RETRY_BACKOFF", Duration.ofSeconds(1));
    if (backoff.isZero() || backoff.isNegative()) {
      throw new ConfigException("INCIDENT_RETRY_BACKOFF", "must be positive");
    }
    /* INCIDENT_ESCALATION_TICK: how often due escalation steps are fired and pages published. */
    Duration tick = positive(s, "INCIDENT_ESCALATION_TICK", Duration.ofSeconds(1));
    /* INCIDENT_ONCALL_RELOAD_INTERVAL: how often INCIDENT_ONCALL_CONFIG is checked for changes. */
    Duration reload = positive(s, "INCIDENT_ONCALL_RELOAD_INTERVAL", Duration.ofSeconds(5));
    /* INCIDENT_ONCALL_CONFIG: the on-call YAML (users, schedules, escalation policies). */
    OnCallSource oncall;
    try {
      oncall = OnCallSource.load(s.existingPath(ONCALL_CONFIG));
    } catch (OnCallConfigError e) {
      throw new ConfigException(ONCALL_CONFIG, e.getMessage());
    }
    StoreSettings store;
    try {
      store = new StoreSettings(url, user, password, pool);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("INCIDENT_DB_URL", e.getMessage());
    }
    return new IncidentConfig(
        port, s.kafka(), group, store, backoff, oncall, tick, reload, tokens(s));
  }

  private static AccessTokens tokens(Settings s) {
    return AccessTokens.from(s, AUTH_TOKENS);
  }

  private static Duration positive(Settings s, String key, Duration def) {
    Duration d = s.duration(key, def);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(key, "must be positive");
    }
    return d;
  }
}
