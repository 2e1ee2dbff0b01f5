package dev.alerting.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.platform.config.Settings;
import dev.alerting.testkit.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier and the incident service consume the alert topic independently: with either one
 * stopped, the other still handles every alert, and the stopped one catches up when it returns.
 */
@DisplayName("Notifier and incident service are independent consumers of the alert topic")
class IndependenceIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final StackClient client = new StackClient();

  @Test
  @DisplayName(
      "with the notifier stopped incidents still open; with incidents stopped notifications still go out")
  void eachWorksWithoutTheOther(@TempDir Path dir) throws Exception {
    try (WebhookSink hook = new WebhookSink()) {
      Settings settings = StackFixture.settings(dir, hook.url(), Map.of());
      try (AlertingStack stack = AlertingStack.start(settings, 0)) {
        // notifier down: the incident for alert A still opens
        stack.stopService(Service.NOTIFIER);
        push(stack, "a", 300);
        Eventually.assertThat(WAIT, () -> assertThat(openIncidentFor(stack, "a")).isTrue());
        assertThat(hook.received()).isEmpty();

        // incident service down, notifier back: A is notified (caught up) and B too
        stack.stopService(Service.INCIDENTS);
        stack.startService(Service.NOTIFIER);
        push(stack, "b", 300);
        Eventually.assertThat(
            WAIT,
            () ->
                assertThat(hook.deliveries("firing", StackFixture.ALERT))
                    .extracting(p -> p.path("groupLabels").path("service").asText())
                    .contains("a", "b"));

        // incident service back: it catches up on B
        stack.startService(Service.INCIDENTS);
        Eventually.assertThat(WAIT, () -> assertThat(openIncidentFor(stack, "b")).isTrue());
        assertThat(openIncidentFor(stack, "a")).isTrue();
      }
    }
  }

  private void push(AlertingStack stack, String service, double value) {
    assertThat(
            client
                .pushSample(
                    stack.url(Service.INGEST),
                    "e2e_queue_depth",
                    "{\"service\":\"" + service + "\"}",
                    value)
                .status())
        .isEqualTo(200);
  }

  private boolean openIncidentFor(AlertingStack stack, String service) {
    JsonNode items =
        client
            .get(stack.url(Service.INCIDENTS) + "/api/v1/incidents?status=open")
            .body()
            .path("items");
    // alerts of one alert name share an incident (the incident service's default grouping), so
    // look for the service among the incident's alerts
    for (JsonNode i : items) {
      for (JsonNode a : i.path("alerts")) {
        if (a.path("labels").path("service").asText().equals(service)) {
          return true;
        }
      }
    }
    return false;
  }
}
