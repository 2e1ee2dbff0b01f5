package dev.alerting.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.Eventually;
import dev.alerting.testkit.TopicProbe;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hot standby against a real broker: the seed rules over a {@link RecordedInput}, first with
 * one engine (the reference), then with two instances on a fresh broker, then with two child JVMs
 * whose active one is killed with {@code kill -9} mid-run. Every run must write the reference's
 * events: the same alerts, transitions and times, none twice, none missing. The kill run prints the
 * failover time (kill to the first event written by the new active; docs/recovery.md); {@code
 * -Drules.failover.kills=3} kills the active three times in one run, for the figures.
 */
@DisplayName("Two rule engines, one active and one standby, write the events of one")
class TwoEnginesIT {
  private static final Duration START = Duration.ofSeconds(90);
  private static final int[] KILL_STEPS = {26, 48, 66};

  /** Ahead of the wall clock, so wall-clock ticks never move the event-time clock. */
  private static final long BASE =
      (System.currentTimeMillis() + Duration.ofMinutes(5).toMillis())
          / RecordedInput.STEP_MS
          * RecordedInput.STEP_MS;

  private static Map<String, List<String>> reference;

  @TempDir static Path dir;

  @BeforeAll
  static void oneEngine() {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      EngineHarness.createTopics(kafka, 1);
      Vertx vertx = Vertx.vertx();
      try (TopicProbe alerts = new TopicProbe(kafka.bootstrapServers(), Topics.ALERTS);
          RecordedInput input = new RecordedInput(kafka, BASE)) {
        vertx.deployVerticle(new RuleEngineVerticle(config(kafka))).await();
        write(input, RecordedInput.STEPS);
        EngineHarness.awaitCommitted(kafka, input.recordsWritten());
        reference = RecordedInput.events(alerts);
      } finally {
        vertx.close().await();
      }
    }
    // the reference itself: every alert fires and resolves in turn, as the input intends
    assertThat(reference.values().stream().mapToInt(List::size).sum())
        .as("events of one engine: %s", reference)
        .isEqualTo(RecordedInput.EVENTS);
    for (List<String> events : reference.values()) {
      for (int i = 0; i < events.size(); i++) {
        assertThat(AlertCodec.decode(events.get(i)).isFiring()).isEqualTo(i % 2 == 0);
      }
    }
  }

  static RuleEngineConfig config(EmbeddedKafka kafka) {
    return RuleEngineConfig.from(
        Settings.of(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(),
                "RULES_HTTP_PORT",
                "0",
                "RULES_FILE",
                RecordedInput.RULES.toString(),
                "RULES_TICK_INTERVAL",
                "200ms")));
  }

  /** Writes the input up to {@code step} at about a scrape per 25 ms: it arrives while running. */
  private static void write(RecordedInput input, int step) {
    while (input.written() < Math.min(step, RecordedInput.STEPS)) {
      input.writeUpTo(input.written() + 1);
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Test
  @DisplayName(
      "two instances on one broker write the same events as one; the standby reads and writes"
          + " nothing and is not ready")
  void twoInstances() {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      EngineHarness.createTopics(kafka, 1);
      Vertx vertx = Vertx.vertx();
      try (TopicProbe alerts = new TopicProbe(kafka.bootstrapServers(), Topics.ALERTS);
          RecordedInput input = new RecordedInput(kafka, BASE)) {
        RuleEngineVerticle first = new RuleEngineVerticle(config(kafka));
        vertx.deployVerticle(first).await();
        RuleEngineVerticle second = new RuleEngineVerticle(config(kafka));
        vertx.deployVerticle(second).await();
        assertThat(role(first.httpPort())).isEqualTo("active");
        assertThat(role(second.httpPort())).isEqualTo("standby");

        write(input, RecordedInput.STEPS);
        EngineHarness.awaitCommitted(kafka, input.recordsWritten());

        assertThat(RecordedInput.events(alerts)).isEqualTo(reference);
        assertThat(role(second.httpPort())).isEqualTo("standby");
        String metrics = EngineHarness.http(second.httpPort(), "GET", "/metrics", null).body();
        assertThat(metrics)
            .contains("rules_active{service=\"rule-engine\"} 0.0")
            .doesNotContain("rules_samples_consumed_total")
            .doesNotContain("rules_alerts_emitted_total");
        assertThat(EngineHarness.http(first.httpPort(), "GET", "/metrics", null).body())
            .contains("rules_active{service=\"rule-engine\"} 1.0");
      } finally {
        vertx.close().await();
      }
    }
  }

  @Test
  @DisplayName(
      "the active instance killed with kill -9 mid-run: the standby takes over and the events are"
          + " the same as one engine's, none twice, none missing")
  void activeKilled() throws Exception {
    int kills = Math.min(KILL_STEPS.length, Integer.getInteger("rules.failover.kills", 1));
    int[] killSteps = kills == 1 ? new int[] {KILL_STEPS[1]} : KILL_STEPS;
    List<ChildEngine> children = new ArrayList<>();
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      EngineHarness.createTopics(kafka, 1);
      try (TopicProbe alerts = new TopicProbe(kafka.bootstrapServers(), Topics.ALERTS);
          RecordedInput input = new RecordedInput(kafka, BASE)) {
        ChildEngine active = child(kafka, children);
        awaitRole(active, "active");
        ChildEngine standby = child(kafka, children);
        awaitRole(standby, "standby");
        List<Double> failovers = new ArrayList<>();
        for (int k = 0; k < kills; k++) {
          write(input, killSteps[k]);
          // the one killed has written events of its own first
          alerts.await(r -> true, 1, EngineHarness.WAIT);
          long killedAt = System.currentTimeMillis();
          active.kill();
          write(input, k + 1 < kills ? killSteps[k + 1] : RecordedInput.STEPS);
          ConsumerRecord<String, String> first =
              alerts.await(r -> r.timestamp() > killedAt, 1, START).get(0);
          awaitRole(standby, "active");
          double seconds = (first.timestamp() - killedAt) / 1000.0;
          failovers.add(seconds);
          System.out.printf(
              "FAILOVER rule-engine kill -9 of the active (step %d) -> first event from the new"
                  + " active: %.1f s (elected after %.1f s)%n",
              killSteps[k], seconds, (electedAt(standby) - killedAt) / 1000.0);
          active = standby;
          if (k + 1 < kills) {
            standby = child(kafka, children);
            awaitRole(standby, "standby");
          }
        }
        write(input, RecordedInput.STEPS);
        EngineHarness.awaitCommitted(kafka, input.recordsWritten());

        assertThat(RecordedInput.events(alerts)).isEqualTo(reference);
        System.out.println("FAILOVER seconds: " + failovers);
      } finally {
        for (ChildEngine c : children) {
          c.close();
        }
      }
    }
  }

  private static ChildEngine child(EmbeddedKafka kafka, List<ChildEngine> children)
      throws java.io.IOException {
    Path log = dir.resolve("engine-" + (children.size() + 1) + ".log");
    ChildEngine c = ChildEngine.start(kafka, RecordedInput.RULES, Map.of(), log);
    children.add(c);
    return c;
  }

  /** When the child's log last said it was elected (epoch millis). */
  private static long electedAt(ChildEngine c) throws java.io.IOException {
    return java.nio.file.Files.readAllLines(c.log()).stream()
        .filter(l -> l.contains("\"elected in "))
        .map(l -> java.time.Instant.parse(new JsonObject(l).getString("timestamp")).toEpochMilli())
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  /** The role an instance reports in /health/detailed (answered 503 unless it is active). */
  static String role(int port) {
    JsonObject health =
        new JsonObject(EngineHarness.http(port, "GET", "/health/detailed", null).body());
    return health.getJsonObject("components").getJsonObject("role").getString("role");
  }

  private static void awaitRole(ChildEngine c, String role) {
    Eventually.assertThat(
        START,
        () -> {
          assertThat(c.alive()).as("engine alive; log %s", c.log()).isTrue();
          assertThat(role(c.port())).as("role; log %s", c.log()).isEqualTo(role);
        });
  }
}
