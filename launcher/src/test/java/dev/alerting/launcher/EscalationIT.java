package dev.alerting.launcher;

import static dev.alerting.launcher.OnCallFixture.entries;
import static dev.alerting.launcher.OnCallFixture.pages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.platform.config.Settings;
import dev.alerting.testkit.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escalation end to end, from a pushed sample to a person's webhook: the on-call user of a schedule
 * is paged and assigned, the next step pages after its delay unless someone acknowledges, and
 * resolving sends the resolve to everyone paged.
 */
@DisplayName("Escalation through the whole stack")
class EscalationIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration SECOND_STEP = Duration.ofSeconds(3);

  private final StackClient client = new StackClient();

  @Test
  @DisplayName(
      "a critical alert pages the on-call user, who is assigned; carol is paged after 3s unless"
          + " acknowledged; resolving notifies everyone paged; the timeline shows each step")
  void escalates(@TempDir Path dir) throws Exception {
    try (WebhookSink sink = new WebhookSink()) {
      Settings settings =
          StackFixture.settings(dir, sink.url(), OnCallFixture.files(dir, sink.url(), "3s"));
      try (AlertingStack stack = AlertingStack.start(settings, 0)) {
        String ingest = stack.url(Service.INGEST);
        String incidents = stack.url(Service.INCIDENTS) + "/api/v1/incidents";
        String oncall = OnCallFixture.onCallToday();

        // the API agrees with the rotation computed from its definition
        JsonNode who = client.get(stack.url(Service.INCIDENTS) + "/api/v1/oncall").body();
        assertThat(who.path("oncall").get(0).path("user").asText()).isEqualTo(oncall);

        // incident A (payments): paged, then acknowledged before its second step
        client.pushSample(ingest, "e2e_queue_depth", "{\"service\":\"payments\"}", 300);
        JsonNode a =
            Eventually.await(WAIT, "incident for payments", () -> incident(incidents, "payments"));
        String idA = a.path("id").asText();
        Eventually.assertThat(
            WAIT, () -> assertThat(pages(sink, oncall + "-pager", idA, "firing")).hasSize(1));
        assertThat(
                client
                    .post(incidents + "/" + idA + "/acknowledge", "{\"by\":\"" + oncall + "\"}")
                    .status())
            .isEqualTo(200);

        // incident B (checkout): not acknowledged
        client.pushSample(ingest, "e2e_queue_depth", "{\"service\":\"checkout\"}", 250);
        JsonNode b =
            Eventually.await(WAIT, "incident for checkout", () -> incident(incidents, "checkout"));
        String idB = b.path("id").asText();
        Eventually.assertThat(
            WAIT, () -> assertThat(pages(sink, oncall + "-pager", idB, "firing")).hasSize(1));
        JsonNode page = pages(sink, oncall + "-pager", idB, "firing").get(0);
        assertThat(page.path("version").asText()).isEqualTo("4");
        assertThat(page.path("groupLabels").path("paged_user").asText()).isEqualTo(oncall);
        assertThat(page.path("alerts").get(0).path("labels").path("service").asText())
            .isEqualTo("checkout");

        // the first user paged is the assignee
        Eventually.assertThat(
            WAIT,
            () ->
                assertThat(client.get(incidents + "/" + idB).body().path("assignee").asText())
                    .isEqualTo(oncall));

        // without an acknowledgement, carol is paged after the second step's delay
        Eventually.assertThat(
            WAIT, () -> assertThat(pages(sink, "carol-pager", idB, "firing")).hasSize(1));
        JsonNode escalated = client.get(incidents + "/" + idB).body();
        var steps = entries(escalated, "escalated");
        assertThat(steps).hasSize(2);
        // the second step is due 3s after the incident opened, and fires within a few ticks
        Duration gap =
            Duration.between(
                Instant.parse(escalated.path("createdAt").asText()),
                Instant.parse(steps.get(1).path("at").asText()));
        assertThat(gap).isBetween(SECOND_STEP, SECOND_STEP.plusSeconds(5));

        // incident A, acknowledged after its first page and older than B, paged nobody else
        assertThat(pages(sink, "carol-pager", idA, "firing")).isEmpty();
        JsonNode acked = client.get(incidents + "/" + idA).body();
        assertThat(entries(acked, "escalated")).hasSize(1);
        assertThat(entries(acked, "escalation_ended").toString()).contains("acknowledged");

        // resolving B sends the resolve to both people paged
        assertThat(client.post(incidents + "/" + idB + "/resolve", "{\"by\":\"carol\"}").status())
            .isEqualTo(200);
        Eventually.assertThat(
            WAIT,
            () -> {
              assertThat(pages(sink, oncall + "-pager", idB, "resolved")).hasSize(1);
              assertThat(pages(sink, "carol-pager", idB, "resolved")).hasSize(1);
            });

        // the timeline shows each step, page, delivery and the resolve
        Eventually.assertThat(
            WAIT,
            () -> {
              JsonNode done = client.get(incidents + "/" + idB).body();
              assertThat(entries(done, "paged").toString())
                  .contains("paged " + oncall + " via " + oncall + "-pager (schedule/primary)")
                  .contains("paged carol via carol-pager (user/carol)")
                  .contains("resolve sent to");
              assertThat(entries(done, "assigned").toString())
                  .contains("auto-assigned to " + oncall);
              assertThat(entries(done, "page_delivered")).hasSize(4);
            });
        // pages by outcome: A's page, B's two pages and B's two resolves, all delivered
        Eventually.assertThat(
            WAIT,
            () ->
                assertThat(client.getText(stack.url(Service.INCIDENTS) + "/metrics"))
                    .contains(
                        "incident_pages_total{outcome=\"delivered\",service=\"incident-service\"} 5.0"));
        // exactly once each: no step fired twice
        assertThat(pages(sink, oncall + "-pager", idB, "firing")).hasSize(1);
        assertThat(pages(sink, "carol-pager", idB, "firing")).hasSize(1);
      }
    }
  }

  private JsonNode incident(String url, String service) {
    JsonNode items = client.get(url + "?label=service:" + service).body().path("items");
    return items.size() == 1 ? items.get(0) : null;
  }
}
