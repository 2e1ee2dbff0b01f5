package dev.alerting.launcher;

import dev.alerting.platform.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The same timeline against the official Apache Kafka image; skipped where Docker is absent. */
@Testcontainers(disabledWithoutDocker = true)
@DisplayName("The whole pipeline on the official Kafka container")
class PipelineContainersIT {

  @Container static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

  @Test
  @DisplayName(
      "a threshold crossing fires, notifies, opens an incident, and resolves — on a containerised broker")
  void endToEnd(@TempDir Path dir) throws Exception {
    try (WebhookSink hook = new WebhookSink()) {
      Settings settings =
          StackFixture.settings(
              dir, hook.url(), Map.of("KAFKA_BOOTSTRAP_SERVERS", KAFKA.getBootstrapServers()));
      try (AlertingStack stack = AlertingStack.start(settings, 0)) {
        new PipelineScenario().run(stack, hook);
      }
    }
  }
}
