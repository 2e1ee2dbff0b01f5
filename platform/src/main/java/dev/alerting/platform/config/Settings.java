package dev.alerting.platform.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.model.Durations;
import dev.alerting.platform.codec.Json;
import dev.alerting.platform.kafka.KafkaSecurity;
import dev.alerting.platform.kafka.KafkaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Raw configuration: environment variables over an optional flat YAML file ({@code CONFIG_FILE}) of
 * the same keys. Typed getters validate and fail with one message naming the key; each service
 * turns this into its own config record once, at start-up.
 */
public final class Settings {
  /** Names a YAML file of {@code KEY: value} lines; environment variables override it. */
  public static final String CONFIG_FILE = "CONFIG_FILE";

  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static Settings of(Map<String, String> values) {
    return new Settings(values);
  }

  /** The process configuration: {@code CONFIG_FILE} (if set) overlaid by the environment. */
  public static Settings fromEnvironment() {
    return load(System.getenv());
  }

  public static Settings load(Map<String, String> env) {
    Map<String, String> merged = new HashMap<>();
    String file = env.get(CONFIG_FILE);
    if (file != null && !file.isBlank()) {
      merged.putAll(readFile(Path.of(file)));
    }
    merged.putAll(env);
    return new Settings(merged);
  }

  private static Map<String, String> readFile(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new ConfigException(CONFIG_FILE, "file " + path + " does not exist");
    }
    try {
      JsonNode root = Json.YAML.readTree(path.toFile());
      Map<String, String> m = new HashMap<>();
      if (root == null || root.isNull()) {
        return m;
      }
      if (!root.isObject()) {
        throw new ConfigException(CONFIG_FILE, path + " must be a map of KEY: value");
      }
      root.fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().isContainerNode()) {
                  throw new ConfigException(e.getKey(), "must be a single value in " + path);
                }
                m.put(e.getKey(), e.getValue().asText());
              });
      return m;
    } catch (IOException e) {
      throw new ConfigException(CONFIG_FILE, "cannot read " + path + ": " + e.getMessage());
    }
  }

  /** A copy with {@code overrides} applied: how the launcher and tests set ports and files. */
  public Settings with(Map<String, String> overrides) {
    Map<String, String> m = new HashMap<>(values);
    m.putAll(overrides);
    return new Settings(m);
  }

  public Optional<String> optional(String key) {
    String v = values.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  public String string(String key, String defaultValue) {
    return optional(key).orElse(defaultValue);
  }

  public String required(String key) {
    return optional(key).orElseThrow(() -> new ConfigException(key, "is required"));
  }

  public int intInRange(String key, int defaultValue, int min, int max) {
    Optional<String> v = optional(key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    try {
      int i = Integer.parseInt(v.get());
      if (i < min || i > max) {
        throw new ConfigException(key, "'" + v.get() + "' is outside " + min + ".." + max);
      }
      return i;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "'" + v.get() + "' is not an integer");
    }
  }

  public int port(String key, int defaultValue) {
    return intInRange(key, defaultValue, 0, 65535);
  }

  /** A Prometheus-style duration such as {@code 500ms}, {@code 30s} or {@code 1h30m}. */
  public Duration duration(String key, Duration defaultValue) {
    Optional<String> v = optional(key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    try {
      return Durations.parse(v.get());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, e.getMessage());
    }
  }

  public boolean bool(String key, boolean defaultValue) {
    Optional<String> v = optional(key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    return switch (v.get().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new ConfigException(key, "'" + v.get() + "' is not true or false");
    };
  }

  /** An existing file or directory. */
  public Optional<Path> existingPath(String key) {
    Optional<String> v = optional(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Path p = Path.of(v.get());
    if (!Files.exists(p)) {
      throw new ConfigException(key, "path " + p + " does not exist");
    }
    return Optional.of(p);
  }

  /** Every key starting with {@code prefix}, with its value. */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> m = new HashMap<>();
    values.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            m.put(k, v);
          }
        });
    return m;
  }

  /**
   * The Kafka client settings of every service: {@code KAFKA_BOOTSTRAP_SERVERS}, {@code
   * KAFKA_TOPIC_PARTITIONS}, {@code KAFKA_REPLICATION_FACTOR}, {@code KAFKA_MIN_INSYNC_REPLICAS},
   * {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG},
   * {@code KAFKA_SSL_*}, {@code KAFKA_GROUP_PROTOCOL}, {@code KAFKA_GROUP_INSTANCE_ID}, {@code
   * KAFKA_SESSION_TIMEOUT} (README, "Kafka clients").
   */
  public KafkaSettings kafka() {
    KafkaSecurity security;
    try {
      security =
          new KafkaSecurity(
              string("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT"),
              optional("KAFKA_SASL_MECHANISM").orElse(null),
              optional("KAFKA_SASL_JAAS_CONFIG").orElse(null),
              KafkaSecurity.sslFromKeys(withPrefix("KAFKA_SSL_")));
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new ConfigException(m.startsWith("KAFKA_") ? m.split(" ")[0] : "KAFKA_SSL_*", m);
    }
    short replication = (short) intInRange("KAFKA_REPLICATION_FACTOR", 1, 1, 32);
    int minIsr = intInRange("KAFKA_MIN_INSYNC_REPLICAS", 0, 0, replication);
    String protocol = string("KAFKA_GROUP_PROTOCOL", "consumer").toLowerCase(java.util.Locale.ROOT);
    if (!KafkaSettings.GROUP_PROTOCOLS.contains(protocol)) {
      throw new ConfigException(
          "KAFKA_GROUP_PROTOCOL", "'" + protocol + "' is not consumer or classic");
    }
    Duration session = duration("KAFKA_SESSION_TIMEOUT", Duration.ofSeconds(10));
    if (session.toMillis() < 1000) {
      throw new ConfigException("KAFKA_SESSION_TIMEOUT", "must be at least 1s");
    }
    return new KafkaSettings(
        string("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
        intInRange("KAFKA_TOPIC_PARTITIONS", 3, 1, 10_000),
        replication,
        minIsr,
        security,
        protocol,
        optional("KAFKA_GROUP_INSTANCE_ID").orElse(null),
        session);
  }
}
