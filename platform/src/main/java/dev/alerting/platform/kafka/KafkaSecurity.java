package dev.alerting.platform.kafka;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How every Kafka client of a service authenticates and encrypts: {@code security.protocol}, the
 * SASL mechanism and JAAS line, and the {@code ssl.*} settings, applied alike to producers,
 * consumers and admin clients. Validated on construction; {@link #toString} never shows the JAAS
 * line or passwords.
 */
public record KafkaSecurity(
    String protocol, String saslMechanism, String saslJaasConfig, Map<String, String> ssl) {

  private static final Set<String> PROTOCOLS =
      Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  private static final Set<String> MECHANISMS =
      Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER", "GSSAPI");

  // after the sets above: static fields initialise in order
  /** No TLS, no SASL: the broker default and what the embedded broker speaks. */
  public static final KafkaSecurity PLAINTEXT =
      new KafkaSecurity("PLAINTEXT", null, null, Map.of());

  public KafkaSecurity {
    protocol = protocol == null ? "PLAINTEXT" : protocol.toUpperCase(Locale.ROOT);
    if (!PROTOCOLS.contains(protocol)) {
      throw new IllegalArgumentException(
          "KAFKA_SECURITY_PROTOCOL '" + protocol + "' is not one of " + new TreeSet<>(PROTOCOLS));
    }
    boolean sasl = protocol.startsWith("SASL_");
    if (saslMechanism != null && !MECHANISMS.contains(saslMechanism)) {
      throw new IllegalArgumentException(
          "KAFKA_SASL_MECHANISM '"
              + saslMechanism
              + "' is not one of "
              + new TreeSet<>(MECHANISMS));
    }
    if (!sasl && (saslMechanism != null || saslJaasConfig != null)) {
      throw new IllegalArgumentException(
          "KAFKA_SASL_MECHANISM and KAFKA_SASL_JAAS_CONFIG need KAFKA_SECURITY_PROTOCOL"
              + " SASL_PLAINTEXT or SASL_SSL, not "
              + protocol);
    }
    if (sasl && saslJaasConfig == null && !"GSSAPI".equals(saslMechanism)) {
      throw new IllegalArgumentException(
          "KAFKA_SASL_JAAS_CONFIG is required with KAFKA_SECURITY_PROTOCOL " + protocol);
    }
    ssl = Map.copyOf(ssl);
    for (String key : ssl.keySet()) {
      if (!key.startsWith("ssl.")) {
        throw new IllegalArgumentException("'" + key + "' is not an ssl.* client setting");
      }
    }
  }

  /**
   * Builds the {@code ssl.*} settings from {@code KAFKA_SSL_*} keys: {@code
   * KAFKA_SSL_TRUSTSTORE_LOCATION} becomes {@code ssl.truststore.location}.
   */
  public static Map<String, String> sslFromKeys(Map<String, String> keys) {
    Map<String, String> out = new TreeMap<>();
    keys.forEach(
        (k, v) -> {
          if (k.startsWith("KAFKA_SSL_") && v != null && !v.isBlank()) {
            out.put(
                "ssl."
                    + k.substring("KAFKA_SSL_".length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                v.trim());
          }
        });
    return out;
  }

  /** Adds these settings to a client configuration. */
  public <M extends Map<String, ? super String>> M applyTo(M client) {
    client.put("security.protocol", protocol);
    if (saslMechanism != null) {
      client.put("sasl.mechanism", saslMechanism);
    }
    if (saslJaasConfig != null) {
      client.put("sasl.jaas.config", saslJaasConfig);
    }
    client.putAll(ssl);
    return client;
  }

  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>();
    ssl.forEach((k, v) -> shown.put(k, k.contains("password") || k.endsWith(".key") ? "***" : v));
    return "KafkaSecurity[protocol="
        + protocol
        + ", saslMechanism="
        + saslMechanism
        + ", saslJaasConfig="
        + (saslJaasConfig == null ? null : "***")
        + ", ssl="
        + shown
        + "]";
  }
}
