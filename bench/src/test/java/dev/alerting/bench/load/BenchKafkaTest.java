package dev.alerting.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.platform.config.Settings;
import dev.alerting.platform.kafka.KafkaSecurity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchKafkaTest {
  private static final KafkaSecurity SASL_SSL =
      Settings.of(
              Map.of(
                  "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                  "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                  "KAFKA_SASL_JAAS_CONFIG", "org.example.Login required username=\"u\";",
                  "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/ca.p12"))
          .kafka()
          .security();

  @Test
  void clientsReachingAUsersBrokerCarryTheServicesSecuritySettings() {
    Map<String, Object> c =
        BenchKafka.client(SASL_SSL, "b1:9093", "bench-x", Map.of("enable.auto.commit", "false"));

    assertThat(c)
        .containsEntry("bootstrap.servers", "b1:9093")
        .containsEntry("client.id", "bench-x")
        .containsEntry("enable.auto.commit", "false")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("sasl.jaas.config", "org.example.Login required username=\"u\";")
        .containsEntry("ssl.truststore.location", "/etc/kafka/ca.p12");
  }

  @Test
  void producerPerformanceGetsThemAsKeyValueArguments() {
    assertThat(BenchKafka.properties(SASL_SSL))
        .contains(
            "security.protocol=SASL_SSL",
            "sasl.mechanism=SCRAM-SHA-512",
            "sasl.jaas.config=org.example.Login required username=\"u\";",
            "ssl.truststore.location=/etc/kafka/ca.p12");
  }

  @Test
  void withoutSecurityKeysTheClientsSpeakPlaintext() {
    assertThat(BenchKafka.client(KafkaSecurity.PLAINTEXT, "b:9092", "x", Map.of()))
        .containsEntry("security.protocol", "PLAINTEXT")
        .doesNotContainKey("sasl.jaas.config");
  }
}
