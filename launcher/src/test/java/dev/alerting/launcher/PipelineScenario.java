package dev.alerting.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.testkit.Eventually;
import dev.alerting.testkit.TopicProbe;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The end-to-end timeline, run against whichever broker a test class provides: a threshold crossing
 * pushed over HTTP fires once on {@code alerts}, reaches the webhook and opens an incident;
 * acknowledging shows in the timeline; going back under the threshold resolves all three.
 */
final class PipelineScenario {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final StackClient client = new StackClient();

  void run(AlertingStack stack, WebhookSink hook) {
    String ingest = stack.url(Service.INGEST);
    String incidents = stack.url(Service.INCIDENTS) + "/api/v1/incidents";
    try (TopicProbe alerts = new TopicProbe(stack.bootstrapServers(), Topics.ALERTS)) {
      // t1: below the threshold — nothing fires
      assertThat(
              client
                  .pushSample(ingest, "e2e_queue_depth", "{\"service\":\"checkout\"}", 20)
                  .status())
          .isEqualTo(200);
      // t2: above the threshold — one firing event
      assertThat(
              client
                  .pushSample(ingest, "e2e_queue_depth", "{\"service\":\"checkout\"}", 250)
                  .status())
          .isEqualTo(200);
      ConsumerRecord<String, String> firing =
          alerts.await(r -> r.value().contains("\"status\":\"firing\""), 1, WAIT).get(0);
      JsonNode event = json(firing.value());
      assertThat(event.path("labels").path("alertname").asText()).isEqualTo(StackFixture.ALERT);
      assertThat(event.path("labels").path("service").asText()).isEqualTo("checkout");
      assertThat(event.path("annotations").path("description").asText()).isEqualTo("depth is 250");
      assertThat(firing.key()).isEqualTo(event.path("fingerprint").asText()).hasSize(16);

      // the webhook receives one firing notification with the version-4 payload
      Eventually.assertThat(
          WAIT, () -> assertThat(hook.deliveries("firing", StackFixture.ALERT)).hasSize(1));
      JsonNode payload = hook.deliveries("firing", StackFixture.ALERT).get(0);
      assertThat(payload.path("version").asText()).isEqualTo("4");
      assertThat(payload.path("receiver").asText()).isEqualTo("hook");
      assertThat(payload.path("groupLabels").path("alertname").asText())
          .isEqualTo(StackFixture.ALERT);
      assertThat(payload.path("alerts").get(0).path("fingerprint").asText())
          .isEqualTo(firing.key());

      // one open incident
      JsonNode incident =
          Eventually.await(WAIT, "an open incident", () -> onlyIncident(incidents, "open"));
      String id = incident.path("id").asText();
      assertThat(incident.path("severity").asText()).isEqualTo("critical");
      assertThat(incident.path("title").asText()).contains(StackFixture.ALERT);

      // acknowledge via the API shows in the timeline
      StackClient.Response ack =
          client.post(incidents + "/" + id + "/acknowledge", "{\"by\":\"alice\"}");
      assertThat(ack.status()).isEqualTo(200);
      JsonNode acked = client.get(incidents + "/" + id).body();
      assertThat(acked.path("status").asText()).isEqualTo("acknowledged");
      assertThat(timelineText(acked))
          .anySatisfy(t -> assertThat(t).containsIgnoringCase("acknowledged"));

      // t3: back under the threshold — resolved event, resolved webhook, incident auto-resolved
      assertThat(
              client
                  .pushSample(ingest, "e2e_queue_depth", "{\"service\":\"checkout\"}", 10)
                  .status())
          .isEqualTo(200);
      alerts.await(r -> r.value().contains("\"status\":\"resolved\""), 1, WAIT);
      Eventually.assertThat(
          WAIT, () -> assertThat(hook.deliveries("resolved", StackFixture.ALERT)).hasSize(1));
      Eventually.assertThat(
          WAIT,
          () ->
              assertThat(client.get(incidents + "/" + id).body().path("status").asText())
                  .isEqualTo("resolved"));
      assertThat(timelineText(client.get(incidents + "/" + id).body()))
          .anySatisfy(t -> assertThat(t).containsIgnoringCase("resolved"));

      // exactly one firing and one resolved event for the series, and a single incident
      alerts.drain();
      assertThat(alerts.records().stream().filter(r -> r.value().contains("\"firing\"")).count())
          .isEqualTo(1);
      assertThat(alerts.records().stream().filter(r -> r.value().contains("\"resolved\"")).count())
          .isEqualTo(1);
      assertThat(client.get(incidents).body().path("items")).hasSize(1);
    }
  }

  private JsonNode onlyIncident(String incidentsUrl, String status) {
    JsonNode items = client.get(incidentsUrl + "?status=" + status).body().path("items");
    return items.size() == 1 ? items.get(0) : null;
  }

  static List<String> timelineText(JsonNode incident) {
    return java.util.stream.StreamSupport.stream(incident.path("timeline").spliterator(), false)
        .map(JsonNode::toString)
        .toList();
  }

  static JsonNode json(String s) {
    try {
      return dev.alerting.platform.codec.Json.MAPPER.readTree(s);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
