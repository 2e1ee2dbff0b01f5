package dev.alerting.launcher;

import dev.alerting.platform.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The whole pipeline on the embedded Kafka broker")
class PipelineIT {

  @Test
  @DisplayName(
      "a threshold crossing pushed over HTTP fires, notifies, opens an incident, and resolves all three")
  void endToEnd(@TempDir Path dir) throws Exception {
    try (WebhookSink hook = new WebhookSink()) {
      Settings settings = StackFixture.settings(dir, hook.url(), Map.of());
      try (AlertingStack stack = AlertingStack.start(settings, 0)) {
        new PipelineScenario().run(stack, hook);
      }
    }
  }
}
