package dev.alerting.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.platform.config.Settings;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every service's Kafka clients against a broker that only lets known users in (SASL_PLAINTEXT,
 * PLAIN): configured with the KAFKA_SECURITY_PROTOCOL / KAFKA_SASL_* keys the whole pipeline runs
 * (ingest's producer, the rule engine's consumer, transactional producer and restore readers, the
 * notifier's and the incident service's consumers and producers); with a wrong password nothing
 * starts and the error names the login failure.
 */
@DisplayName("The stack on a Kafka broker that requires SASL")
class KafkaSaslIT {
  private static final Duration WAIT = Duration.ofSeconds(45);
  private static EmbeddedKafka kafka;
  private final StackClient client = new StackClient();

  @BeforeAll
  static void broker() {
    kafka = EmbeddedKafka.startWithSasl("alerting", "alerting-secret-1");
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  private static Map<String, String> login(String password) {
    Map<String, String> m = new HashMap<>();
    m.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    m.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
    m.put("KAFKA_SASL_MECHANISM", "PLAIN");
    m.put(
        "KAFKA_SASL_JAAS_CONFIG",
        "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"alerting\" password=\""
            + password
            + "\";");
    return m;
  }

  @Test
  @DisplayName("with the right login a pushed sample becomes a notification and an incident")
  void pipelineOverSasl(@TempDir Path dir) throws Exception {
    try (WebhookSink hook = new WebhookSink()) {
      Settings settings = StackFixture.settings(dir, hook.url(), login("alerting-secret-1"));
      try (AlertingStack stack = AlertingStack.start(settings, 0)) {
        assertThat(
                client
                    .pushSample(
                        stack.url(Service.INGEST), "e2e_queue_depth", "{\"service\":\"sasl\"}", 500)
                    .status())
            .isEqualTo(200);
        Eventually.assertThat(
            WAIT, () -> assertThat(hook.deliveries("firing", StackFixture.ALERT)).isNotEmpty());
        Eventually.assertThat(
            WAIT,
            () -> {
              JsonNode items =
                  client
                      .get(stack.url(Service.INCIDENTS) + "/api/v1/incidents?status=open")
                      .body()
                      .path("items");
              assertThat(items).hasSize(1);
            });
      }
    }
  }

  @Test
  @DisplayName("with a wrong password the stack does not start, and says why")
  void wrongPassword(@TempDir Path dir) throws Exception {
    try (WebhookSink hook = new WebhookSink()) {
      Settings settings = StackFixture.settings(dir, hook.url(), login("not-the-password"));
      assertThatThrownBy(() -> AlertingStack.start(settings, 0).close())
          .hasStackTraceContaining("Authentication failed");
    }
  }
}
