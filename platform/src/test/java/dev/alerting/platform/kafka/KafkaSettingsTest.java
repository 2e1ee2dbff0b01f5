package dev.alerting.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.platform.config.ConfigException;
import dev.alerting.platform.config.Settings;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KafkaSettingsTest {

  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\""
          + " password=\"s3cret\";";

  private static final Map<String, String> SASL_SSL =
      Map.of(
          "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
          "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
          "KAFKA_SASL_JAAS_CONFIG", JAAS,
          "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.p12",
          "KAFKA_SSL_TRUSTSTORE_PASSWORD", "trustpw",
          "KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "https");

  static Stream<Arguments> everyClient() {
    return Stream.of(
        Arguments.of(
            "producer",
            (Function<KafkaSettings, Map<String, Object>>)
                k -> new java.util.HashMap<String, Object>(k.producer("p"))),
        Arguments.of(
            "group consumer",
            (Function<KafkaSettings, Map<String, Object>>)
                k -> new java.util.HashMap<String, Object>(k.consumer("g", "c"))),
        Arguments.of("reader", (Function<KafkaSettings, Map<String, Object>>) k -> k.reader("r")),
        Arguments.of("admin", (Function<KafkaSettings, Map<String, Object>>) k -> k.admin("a")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyClient")
  @DisplayName("TLS and SASL settings reach every kind of Kafka client")
  void securityReachesEveryClient(
      String kind, Function<KafkaSettings, Map<String, Object>> client) {
    Map<String, Object> c = client.apply(Settings.of(SASL_SSL).kafka());
    assertThat(c)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("sasl.jaas.config", JAAS)
        .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
        .containsEntry("ssl.truststore.password", "trustpw")
        .containsEntry("ssl.endpoint.identification.algorithm", "https");
  }

  @Test
  @DisplayName("Without security keys every client speaks plaintext")
  void plaintextByDefault() {
    KafkaSettings k = Settings.of(Map.of()).kafka();
    assertThat(k.producer("p")).containsEntry("security.protocol", "PLAINTEXT");
    assertThat(k.producer("p")).doesNotContainKeys("sasl.mechanism", "sasl.jaas.config");
  }

  @Test
  @DisplayName("The settings' text never shows the JAAS line or an SSL password")
  void secretsNotShown() {
    String text = Settings.of(SASL_SSL).kafka().toString();
    assertThat(text).doesNotContain("s3cret").doesNotContain("trustpw").contains("SASL_SSL");
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            "unknown protocol",
            Map.of("KAFKA_SECURITY_PROTOCOL", "TLS"),
            "KAFKA_SECURITY_PROTOCOL"),
        Arguments.of(
            "SASL without JAAS",
            Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "PLAIN"),
            "KAFKA_SASL_JAAS_CONFIG"),
        Arguments.of(
            "mechanism on plaintext",
            Map.of("KAFKA_SASL_MECHANISM", "PLAIN"),
            "KAFKA_SASL_MECHANISM"),
        Arguments.of(
            "unknown mechanism",
            Map.of(
                "KAFKA_SECURITY_PROTOCOL",
                "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM",
                "MD5",
                "KAFKA_SASL_JAAS_CONFIG",
                JAAS),
            "KAFKA_SASL_MECHANISM"),
        Arguments.of(
            "min ISR above replication",
            Map.of("KAFKA_REPLICATION_FACTOR", "3", "KAFKA_MIN_INSYNC_REPLICAS", "4"),
            "KAFKA_MIN_INSYNC_REPLICAS"),
        Arguments.of(
            "unknown group protocol",
            Map.of("KAFKA_GROUP_PROTOCOL", "eager"),
            "KAFKA_GROUP_PROTOCOL"),
        Arguments.of(
            "session timeout under a second",
            Map.of("KAFKA_SESSION_TIMEOUT", "500ms"),
            "KAFKA_SESSION_TIMEOUT"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  @DisplayName("A bad Kafka setting stops start-up with a message naming its key")
  void invalidSettingNamesKey(String name, Map<String, String> env, String key) {
    assertThatThrownBy(() -> Settings.of(env).kafka())
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key))
        .hasMessageNotContaining("s3cret");
  }

  @Test
  @DisplayName(
      "Consumers use the KIP-848 protocol; an instance id gives static membership with the classic"
          + " protocol only (KIP-848 refuses a crash-restarted static member, fatally)")
  void groupMembership() {
    KafkaSettings dynamic = Settings.of(Map.of()).kafka();
    assertThat(dynamic.consumer("g", "notifier"))
        .containsEntry("group.protocol", "consumer")
        .doesNotContainKeys("group.instance.id", "session.timeout.ms");

    KafkaSettings ignored = Settings.of(Map.of("KAFKA_GROUP_INSTANCE_ID", "host-a")).kafka();
    assertThat(ignored.consumer("g", "notifier")).doesNotContainKey("group.instance.id");

    KafkaSettings fixed =
        Settings.of(Map.of("KAFKA_GROUP_INSTANCE_ID", "host-a", "KAFKA_GROUP_PROTOCOL", "classic"))
            .kafka();
    assertThat(fixed.consumer("g", "notifier"))
        .containsEntry("group.instance.id", "host-a-notifier");
    assertThat(fixed.consumer("g", "incident-service"))
        .containsEntry("group.instance.id", "host-a-incident-service");

    KafkaSettings classic =
        Settings.of(Map.of("KAFKA_GROUP_PROTOCOL", "classic", "KAFKA_SESSION_TIMEOUT", "6s"))
            .kafka();
    assertThat(classic.consumer("g", "c"))
        .containsEntry("group.protocol", "classic")
        .containsEntry("session.timeout.ms", "6000");
  }

  @Test
  @DisplayName("Created topics get the configured min.insync.replicas unless their spec sets one")
  void durability() {
    KafkaSettings k =
        Settings.of(Map.of("KAFKA_REPLICATION_FACTOR", "3", "KAFKA_MIN_INSYNC_REPLICAS", "2"))
            .kafka();
    List<TopicSpec> specs = Topics.pipeline(k.partitions(), k.replicationFactor());
    assertThat(specs)
        .allSatisfy(
            s -> {
              TopicSpec d = k.withDurability(s);
              assertThat(d.replicationFactor()).isEqualTo((short) 3);
              assertThat(d.configs()).containsEntry("min.insync.replicas", "2");
            });
    TopicSpec own = new TopicSpec("x", 1, (short) 3, Map.of("min.insync.replicas", "3"));
    assertThat(k.withDurability(own).configs()).containsEntry("min.insync.replicas", "3");
    assertThat(Settings.of(Map.of()).kafka().withDurability(own)).isEqualTo(own);
  }

  @Test
  @DisplayName(
      "a consumer remembers its group for metrics labels; a null group sets no group.id and none is remembered")
  void consumerGroupsRemembered() {
    KafkaSettings k = Settings.of(Map.of()).kafka();
    assertThat(k.consumer("g1", "settings-test-grouped")).containsEntry("group.id", "g1");
    assertThat(ConsumerGroups.of("settings-test-grouped")).contains("g1");
    assertThat(k.consumer(null, "settings-test-follower")).doesNotContainKey("group.id");
    assertThat(ConsumerGroups.of("settings-test-follower")).isEmpty();
  }
}
