package dev.alerting.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a standby and a deposed active must not do, against a real broker: a standby emits nothing
 * while the active runs (and takes over when the active stops); an active whose lease another
 * writer took emits nothing more, stands back, and the standby carries on, each event once.
 */
@DisplayName("Rule engine standby: it waits, and a deposed active goes quiet")
class StandbyIT {
  static final String RULES =
      """
      groups:
      - name: standby
        rules:
        - alert: StandbyHot
          expr: standby_value > 5
      """;
  private static final Pattern EMITTED =
      Pattern.compile(
          "rules_alerts_emitted_total\\{[^}]*status=\"(firing|resolved)\"[^}]*} (\\S+)");

  private EmbeddedKafka kafka;
  private Vertx vertx;
  private Path rules;

  /** A broker of its own per test: offsets, checkpoint and election start empty. */
  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    kafka = EmbeddedKafka.start();
    rules = Files.writeString(dir.resolve("rules.yml"), RULES);
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private RuleEngineConfig config(String transactionalId) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("RULES_HTTP_PORT", "0");
    env.put("RULES_FILE", rules.toString());
    env.put("RULES_TICK_INTERVAL", "200ms");
    env.put("RULES_TRANSACTIONAL_ID", transactionalId);
    return RuleEngineConfig.from(dev.alerting.platform.config.Settings.of(env));
  }

  private static int status(int port, String path) {
    return EngineHarness.http(port, "GET", path, null).statusCode();
  }

  /** Alert events this instance has had acknowledged, firing and resolved together. */
  private static double emitted(int port) {
    Matcher m = EMITTED.matcher(EngineHarness.http(port, "GET", "/metrics", null).body());
    double n = 0;
    while (m.find()) {
      n += Double.parseDouble(m.group(2));
    }
    return n;
  }

  private static void push(EngineHarness h, String instance, double value, long t) {
    h.pushAt(Sample.of("standby_value", Labels.of("instance", instance), value, t), t);
  }

  @Test
  @DisplayName(
      "a standby is live but not ready, says so on the API and emits nothing while the active"
          + " runs; when the active stops it takes over where the active left off")
  void standbyWaits() {
    RuleEngineVerticle first = new RuleEngineVerticle(config("rule-engine"));
    String firstId = vertx.deployVerticle(first).await();
    assertThat(TwoEnginesIT.role(first.httpPort())).isEqualTo("active");
    RuleEngineVerticle second = new RuleEngineVerticle(config("rule-engine"));
    String secondId = vertx.deployVerticle(second).await();
    try (EngineHarness h = new EngineHarness(kafka)) {
      int port = second.httpPort();
      assertThat(status(port, "/health/live")).isEqualTo(200);
      assertThat(status(port, "/health/ready")).isEqualTo(503);
      HttpResponse<String> rulesApi = EngineHarness.http(port, "GET", "/api/v1/rules", null);
      assertThat(rulesApi.statusCode()).isEqualTo(503);
      assertThat(new JsonObject(rulesApi.body()).getString("role")).isEqualTo("standby");
      assertThat(TwoEnginesIT.role(port)).isEqualTo("standby");

      long now = System.currentTimeMillis();
      push(h, "a", 10, now);
      h.await("StandbyHot", "a", AlertStatus.FIRING);
      push(h, "a", 1, now + 1000);
      h.await("StandbyHot", "a", AlertStatus.RESOLVED);
      push(h, "a", 10, now + 2000);
      h.alerts.await(r -> r.value().contains("StandbyHot"), 3, EngineHarness.WAIT);
      h.awaitConsumed();
      assertThat(emitted(first.httpPort())).isEqualTo(3);
      assertThat(emitted(port)).isZero();
      assertThat(status(first.httpPort(), "/health/ready")).isEqualTo(200);
      assertThat(status(port, "/health/ready")).isEqualTo(503);

      // a graceful stop leaves the election at once: the standby takes over from the checkpoint
      vertx.undeploy(firstId).await();
      Eventually.assertThat(
          EngineHarness.WAIT, () -> assertThat(status(port, "/health/ready")).isEqualTo(200));
      push(h, "a", 1, now + 3000);
      h.alerts.await(r -> r.value().contains("StandbyHot"), 4, EngineHarness.WAIT);
      h.awaitConsumed();
      assertThat(h.events("StandbyHot", "a", AlertStatus.FIRING)).hasSize(2);
      assertThat(h.events("StandbyHot", "a", AlertStatus.RESOLVED)).hasSize(2);
      assertThat(emitted(port)).isEqualTo(1);
    } finally {
      vertx.undeploy(secondId).await();
    }
  }

  @Test
  @DisplayName(
      "an active whose lease another writer claims emits nothing more and stands back; the standby"
          + " is elected, fences that writer and carries on, each event once")
  void deposedActiveGoesQuiet() {
    String id = "rule-engine";
    RuleEngineVerticle first = new RuleEngineVerticle(config(id));
    String firstId = vertx.deployVerticle(first).await();
    assertThat(TwoEnginesIT.role(first.httpPort())).isEqualTo("active");
    RuleEngineVerticle second = new RuleEngineVerticle(config(id));
    String secondId = vertx.deployVerticle(second).await();
    try (EngineHarness h = new EngineHarness(kafka)) {
      long now = System.currentTimeMillis();
      push(h, "b", 10, now);
      h.await("StandbyHot", "b", AlertStatus.FIRING);

      // a writer outside the election takes the lease (as a newly elected instance's claim does
      // to an active that lost its seat unnoticed): the active's next write is fenced
      claimLease(id);
      Eventually.assertThat(
          EngineHarness.WAIT,
          () -> assertThat(TwoEnginesIT.role(first.httpPort())).isEqualTo("standby"));
      double before = emitted(first.httpPort());
      Eventually.assertThat(
          EngineHarness.WAIT,
          () -> assertThat(TwoEnginesIT.role(second.httpPort())).isEqualTo("active"));

      push(h, "b", 1, now + 1000);
      h.await("StandbyHot", "b", AlertStatus.RESOLVED);
      push(h, "b", 10, now + 2000);
      h.alerts.await(
          r -> r.value().contains("\"b\"") && r.value().contains("StandbyHot"),
          3,
          EngineHarness.WAIT);
      h.awaitConsumed();
      assertThat(h.events("StandbyHot", "b", AlertStatus.FIRING)).hasSize(2);
      assertThat(h.events("StandbyHot", "b", AlertStatus.RESOLVED)).hasSize(1);
      assertThat(emitted(first.httpPort())).isEqualTo(before);
      assertThat(emitted(second.httpPort())).isEqualTo(2);
      assertThat(status(first.httpPort(), "/health/ready")).isEqualTo(503);
    } finally {
      vertx.undeploy(secondId).await();
      vertx.undeploy(firstId).await();
    }
  }

  /** Initialises a transactional producer with {@code transactionalId}: fences its holder. */
  private void claimLease(String transactionalId) {
    Map<String, Object> config =
        new HashMap<>(new KafkaSettings(kafka.bootstrapServers(), 3, (short) 1).producer("rogue"));
    config.put("transactional.id", transactionalId);
    try (KafkaProducer<String, String> rogue =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      rogue.initTransactions();
    }
  }
}
