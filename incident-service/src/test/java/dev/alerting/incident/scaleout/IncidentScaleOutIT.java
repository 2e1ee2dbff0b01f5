package dev.alerting.incident.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.platform.codec.Json;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.Eventually;
import dev.alerting.testkit.TopicProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several incident-service instances in one consumer group on one PostgreSQL database, as a
 * timeline: two in-process instances and a child JVM consume a stream of alert events for many
 * groups whose alerts are spread over the partitions of {@code alerts}; half-way through the child
 * is killed with SIGKILL; then every alert resolves. Each group must end with exactly one incident,
 * every resolve applied, and each escalation step fired and paged once.
 */
@DisplayName("Incident service scaled out: three instances, one killed")
class IncidentScaleOutIT {
  static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int GROUPS = 160;
  private static final int ALERTS_PER_GROUP = 3;
  private static final int WAVES = 20;
  private static final int STEPS = 2;

  @Test
  @DisplayName(
      "a stream of 160 groups × 3 alerts over 3 instances, one killed mid-stream: one incident per"
          + " group, every resolve applied, each escalation step paged once")
  void oneIncidentPerGroupAcrossInstances(@TempDir Path dir) throws Exception {
    assumeTrue(PostgresSchema.reachable(PG), "no PostgreSQL at " + PG + "; skipping");
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
        PostgresSchema schema = PostgresSchema.create(PG, "scaleout");
        IncidentInstances fleet =
            new IncidentInstances(env(kafka.bootstrapServers(), schema.url(), dir));
        AlertStream stream = new AlertStream(kafka.bootstrapServers(), ALERTS_PER_GROUP)) {
      IncidentCensus census = new IncidentCensus(schema.url(), PostgresSchema.USER);
      fleet.startInProcess();
      fleet.startInProcess();
      IncidentInstances.Child child =
          fleet.startChild(Path.of("target", "scale-out", "child-" + System.nanoTime() + ".log"));

      // t0..t5s: a steady stream, every alert of a group sent at the same moment; the child is
      // killed once it has opened incidents, past the middle of the stream
      int perWave = GROUPS / WAVES;
      boolean killed = false;
      for (int w = 0; w < WAVES; w++) {
        stream.fire(w * perWave, (w + 1) * perWave);
        if (!killed && w >= WAVES / 2 && child.openedIncidents()) {
          child.kill();
          killed = true;
        }
        Thread.sleep(250); // the stream's pace, not a wait for a result
      }
      assertThat(killed)
          .as("the child opened incidents before the stream ended (see %s)", child.log())
          .isTrue();

      // every alert is in an incident, and every incident has fired both steps
      Eventually.assertThat(
          WAIT, () -> assertThat(census.holdersPerAlert()).hasSize(GROUPS * ALERTS_PER_GROUP));
      Eventually.assertThat(
          WAIT,
          () ->
              assertThat(census.entriesPerIncident("escalated"))
                  .hasSize(census.incidentIds().size())
                  .allSatisfy((id, n) -> assertThat(n).isGreaterThanOrEqualTo(STEPS)));

      // then everything resolves
      stream.resolve(0, GROUPS);
      Eventually.assertThat(
          WAIT, () -> assertThat(census.alertsByStatus()).containsOnlyKeys("resolved"));
      Eventually.assertThat(
          WAIT, () -> assertThat(census.incidentsByStatus()).containsOnlyKeys("resolved"));

      Map<String, Integer> perGroup = census.incidentsPerGroup();
      int duplicates = perGroup.values().stream().mapToInt(n -> n - 1).sum();
      int missing = GROUPS - perGroup.size();
      System.out.printf(
          "SCALE-OUT %d groups, %d alert events, 3 instances (1 killed): %d incidents, "
              + "%d duplicates, %d missing%n",
          GROUPS, stream.sent(), census.incidentIds().size(), duplicates, missing);
      assertThat(duplicates)
          .as(
              "groups with more than one incident: %s",
              perGroup.entrySet().stream().filter(e -> e.getValue() > 1).toList())
          .isZero();
      assertThat(missing).isZero();
      assertThat(census.holdersPerAlert())
          .hasSize(GROUPS * ALERTS_PER_GROUP)
          .allSatisfy((fp, n) -> assertThat(n).as(fp).isEqualTo(1));
      assertThat(census.alertsByStatus())
          .containsExactly(Map.entry("resolved", GROUPS * ALERTS_PER_GROUP));
      assertThat(census.incidentsByStatus()).containsExactly(Map.entry("resolved", GROUPS));

      // each step fired once: one escalated and one paged line per step, one page per step
      assertThat(census.entriesPerIncident("escalated"))
          .hasSize(GROUPS)
          .allSatisfy((id, n) -> assertThat(n).as("steps of incident %s", id).isEqualTo(STEPS));
      // a paged line per step, and one for the resolve sent to both people paged
      assertThat(census.entriesPerIncident("paged"))
          .hasSize(GROUPS)
          .allSatisfy(
              (id, n) -> assertThat(n).as("paged lines of incident %s", id).isEqualTo(STEPS + 1));
      assertThat(census.resolvePagesPerIncident())
          .hasSize(GROUPS)
          .allSatisfy((id, n) -> assertThat(n).as("resolve pages of %s", id).isEqualTo(STEPS));
      assertThat(census.triggerPagesPerStep())
          .hasSize(GROUPS * STEPS)
          .allSatisfy((step, n) -> assertThat(n).as(step).isEqualTo(1));
      assertPagesOnTopic(kafka.bootstrapServers());
    }
  }

  /**
   * On {@code pages}: one page id per incident and step. (A page id may be published twice when an
   * instance dies between publishing and marking it published; the notifier sends it once.)
   */
  private static void assertPagesOnTopic(String bootstrap) throws Exception {
    try (TopicProbe probe = new TopicProbe(bootstrap, Topics.PAGES)) {
      Map<String, Set<String>> idsPerStep = new HashMap<>();
      List<ConsumerRecord<String, String>> records =
          probe.await(r -> r.value().contains("\"kind\":\"trigger\""), GROUPS * STEPS, WAIT);
      for (ConsumerRecord<String, String> r : records) {
        JsonNode page = Json.MAPPER.readTree(r.value());
        idsPerStep
            .computeIfAbsent(
                page.path("incidentId").asText() + "/" + page.path("step").asText(),
                k -> new HashSet<>())
            .add(page.path("pageId").asText());
      }
      System.out.printf(
          "SCALE-OUT pages topic: %d trigger records, %d incident steps%n",
          records.size(), idsPerStep.size());
      assertThat(idsPerStep)
          .hasSize(GROUPS * STEPS)
          .allSatisfy((step, ids) -> assertThat(ids).as(step).hasSize(1));
    }
  }

  static Map<String, String> env(String bootstrap, String dbUrl, Path dir) throws Exception {
    Path oncall = dir.resolve("oncall.yml");
    Files.writeString(
        oncall,
        """
        users:
          - name: ann
            receiver: ann-pager
          - name: ben
            receiver: ben-pager
        escalation_policies:
          - name: scale-out
            steps:
              - after: 0s
                notify: [user/ann]
              - after: 1s
                notify: [user/ben]
        incidents:
          group_by: [alertname, group]
        """);
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    env.put("KAFKA_TOPIC_PARTITIONS", "6");
    env.put("INCIDENT_DB_URL", dbUrl);
    env.put("INCIDENT_DB_USER", PostgresSchema.USER);
    env.put("INCIDENT_KAFKA_GROUP", "incident-scale-out");
    env.put("INCIDENT_ESCALATION_TICK", "100ms");
    env.put("INCIDENT_RETRY_BACKOFF", "200ms");
    env.put("INCIDENT_ONCALL_CONFIG", oncall.toString());
    return env;
  }
}
