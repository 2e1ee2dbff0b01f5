package dev.alerting.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Restarting the rule engine without amnesia, against a real broker")
class RuleRestartIT {
  static final String RULES =
      """
      groups:
      - name: restart
        rules:
        - alert: Hot
          expr: rs_value > 80
        - alert: Slow
          expr: rs_slow > 10
          for: 1m
      """;

  private static EmbeddedKafka kafka;
  private static Vertx vertx;
  private static RuleEngineConfig config;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    kafka = EmbeddedKafka.start();
    config = EngineHarness.config(kafka, Files.writeString(dir.resolve("rules.yml"), RULES), "5s");
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static String deploy(RuleEngineVerticle v) {
    return vertx.deployVerticle(v).await();
  }

  private static JsonObject apiAlert(RuleEngineVerticle v, String alertname, String instance) {
    return EngineHarness.get(v.httpPort(), "/api/v1/alerts")
        .getJsonObject("data")
        .getJsonArray("alerts")
        .stream()
        .map(JsonObject.class::cast)
        .filter(
            a ->
                alertname.equals(a.getJsonObject("labels").getString("alertname"))
                    && instance.equals(a.getJsonObject("labels").getString("instance")))
        .findFirst()
        .orElse(null);
  }

  @Test
  @DisplayName(
      "after a restart a firing alert is not re-emitted, a pending for fires at its original activeAt + for, and a clearing sample resolves once")
  void restartKeepsAlertState() {
    // Ahead of wall-clock time, so wall-clock ticks never overtake the samples' event time.
    long t = Instant.now().plus(Duration.ofMinutes(10)).toEpochMilli();
    RuleEngineVerticle first = new RuleEngineVerticle(config);
    String firstId = deploy(first);
    try (EngineHarness h = new EngineHarness(kafka)) {
      h.push(Sample.of("rs_value", Labels.of("instance", "a"), 95, t));
      h.push(Sample.of("rs_value", Labels.of("instance", "b"), 10, t));
      h.push(Sample.of("rs_slow", Labels.of("instance", "a"), 20, t));
      h.await("Hot", "a", AlertStatus.FIRING);
      h.awaitConsumed();
      assertThat(apiAlert(first, "Slow", "a").getString("state")).isEqualTo("pending");

      vertx.undeploy(firstId).await();
      RuleEngineVerticle second = new RuleEngineVerticle(config);
      deploy(second);

      // Restored before any sample: the firing alert and the pending timer, with their start times.
      JsonObject hot = apiAlert(second, "Hot", "a");
      assertThat(hot.getString("state")).isEqualTo("firing");
      assertThat(hot.getString("activeAt")).isEqualTo(Instant.ofEpochMilli(t).toString());
      assertThat(apiAlert(second, "Slow", "a").getString("activeAt"))
          .isEqualTo(Instant.ofEpochMilli(t).toString());

      // Another series of Hot re-evaluates the rule: series "a" must still be known (replayed), not
      // resolved.
      h.push(Sample.of("rs_value", Labels.of("instance", "b"), 20, t + 1000));
      h.awaitConsumed();
      assertThat(h.events("Hot", "a", AlertStatus.FIRING)).hasSize(1);
      assertThat(h.events("Hot", "a", AlertStatus.RESOLVED)).isEmpty();

      h.push(Sample.of("rs_slow", Labels.of("instance", "a"), 25, t + 59_000));
      h.awaitConsumed();
      assertThat(h.events("Slow", "a", AlertStatus.FIRING)).isEmpty();
      h.push(Sample.of("rs_slow", Labels.of("instance", "a"), 30, t + 60_000));
      Alert slow = AlertCodec.decode(h.await("Slow", "a", AlertStatus.FIRING).get(0).value());
      assertThat(slow.startsAt()).isEqualTo(Instant.ofEpochMilli(t));

      h.push(Sample.of("rs_value", Labels.of("instance", "a"), 50, t + 61_000));
      Alert resolved = AlertCodec.decode(h.await("Hot", "a", AlertStatus.RESOLVED).get(0).value());
      assertThat(resolved.startsAt()).isEqualTo(Instant.ofEpochMilli(t));
      assertThat(resolved.endsAt()).isEqualTo(Instant.ofEpochMilli(t + 61_000));
      h.push(Sample.of("rs_value", Labels.of("instance", "a"), 40, t + 62_000));
      h.awaitConsumed();
      assertThat(h.events("Hot", "a", AlertStatus.RESOLVED)).hasSize(1);
      assertThat(h.events("Hot", "a", AlertStatus.FIRING)).hasSize(1);
      Eventually.assertThat(
          EngineHarness.WAIT, () -> assertThat(apiAlert(second, "Hot", "a")).isNull());
    }
  }
}
