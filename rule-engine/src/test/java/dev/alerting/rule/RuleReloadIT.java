package dev.alerting.rule;

import static dev.alerting.rule.EngineHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.Eventually;
import dev.alerting.testkit.TopicProbe;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Rules as live configuration, against a real broker")
class RuleReloadIT {
  static final String ONE_RULE =
      """
      groups:
      - name: live
        rules:
        - alert: ValueHigh
          expr: live_value > 80
      """;
  static final String TWO_RULES =
      ONE_RULE
          + """
            - alert: OtherHigh
              expr: live_other > 5
          """;

  /**
   * Samples run ahead of wall-clock time so ticks never overtake them; each test takes a later
   * window.
   */
  private static final AtomicLong WINDOW =
      new AtomicLong(Instant.now().plus(Duration.ofMinutes(10)).toEpochMilli());

  private static EmbeddedKafka kafka;
  private static Vertx vertx;
  private static RuleEngineVerticle verticle;
  private static EngineHarness h;
  private static Path rulesFile;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    kafka = EmbeddedKafka.start();
    rulesFile = Files.writeString(dir.resolve("rules.yml"), ONE_RULE);
    vertx = Vertx.vertx();
    verticle = new RuleEngineVerticle(EngineHarness.config(kafka, rulesFile, "200ms"));
    vertx.deployVerticle(verticle).await();
    h = new EngineHarness(kafka);
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static long nextWindow() {
    return WINDOW.getAndAdd(Duration.ofMinutes(10).toMillis());
  }

  private static HttpResponse<String> put(String yaml) {
    return EngineHarness.http(verticle.httpPort(), "PUT", "/api/v1/rules", yaml);
  }

  @Test
  @DisplayName(
      "a PUT rule file applies at once: its new rule fires on new samples and a firing alert of an unchanged rule is not re-emitted")
  void putAddsRuleKeepsState() {
    assertThat(put(ONE_RULE).statusCode()).isEqualTo(200);
    long t = nextWindow();
    Labels i1 = Labels.of("instance", "put-1");
    h.push(Sample.of("live_value", i1, 95, t));
    h.await("ValueHigh", "put-1", AlertStatus.FIRING);

    HttpResponse<String> r = put(TWO_RULES);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject data = new JsonObject(r.body()).getJsonObject("data");
    assertThat(data.getInteger("kept")).isEqualTo(1);
    assertThat(data.getInteger("added")).isEqualTo(1);
    assertThat(EngineHarness.ruleNames(verticle.httpPort()))
        .containsExactly("live/ValueHigh", "live/OtherHigh");

    h.push(Sample.of("live_value", i1, 96, t + 1000));
    h.push(Sample.of("live_other", i1, 9, t + 1000));
    h.await("OtherHigh", "put-1", AlertStatus.FIRING);
    h.awaitConsumed();
    assertThat(h.events("ValueHigh", "put-1", AlertStatus.FIRING)).hasSize(1);
    assertThat(h.events("ValueHigh", "put-1", AlertStatus.RESOLVED)).isEmpty();

    try (TopicProbe rules = new TopicProbe(kafka.bootstrapServers(), Topics.RULES)) {
      List<String> versions = rules.drain().stream().map(x -> x.value()).toList();
      assertThat(versions).last().isEqualTo(TWO_RULES);
    }
  }

  @Test
  @DisplayName(
      "a bad PUT is answered 400 with each error's group, rule or YAML line, and the old rules stay active")
  void badPutRejected() {
    assertThat(put(ONE_RULE).statusCode()).isEqualTo(200);

    HttpResponse<String> bad =
        put(
            "groups:\n- name: live\n  rules:\n  - alert: Broken\n    expr: live_value >\n  - alert: NoExpr\n");
    HttpResponse<String> broken = put("groups:\n- name: [unclosed\n");

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    List<JsonObject> errors =
        new JsonObject(bad.body())
            .getJsonArray("errors").stream().map(JsonObject.class::cast).toList();
    assertThat(errors).hasSize(2);
    assertThat(errors).allSatisfy(e -> assertThat(e.getString("group")).isEqualTo("live"));
    assertThat(errors).extracting(e -> e.getString("rule")).containsExactly("Broken", "NoExpr");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(
            new JsonObject(broken.body())
                .getJsonArray("errors")
                .getJsonObject(0)
                .getInteger("line"))
        .isNotNull();

    assertThat(EngineHarness.ruleNames(verticle.httpPort())).containsExactly("live/ValueHigh");
    long t = nextWindow();
    h.push(Sample.of("live_value", Labels.of("instance", "bad-1"), 99, t));
    h.await("ValueHigh", "bad-1", AlertStatus.FIRING);
  }

  @Test
  @DisplayName(
      "editing RULES_FILE applies the new rules; a broken edit is counted and keeps the old ones")
  void fileChangeApplies() throws Exception {
    assertThat(put(ONE_RULE).statusCode()).isEqualTo(200);

    Files.writeString(rulesFile, TWO_RULES);
    Eventually.assertThat(
        WAIT,
        () ->
            assertThat(EngineHarness.ruleNames(verticle.httpPort()))
                .containsExactly("live/ValueHigh", "live/OtherHigh"));

    double before = failures();
    Files.writeString(
        rulesFile, "groups:\n- name: live\n  rules:\n  - alert: X\n    expr: oops >\n");
    Eventually.assertThat(WAIT, () -> assertThat(failures()).isGreaterThan(before));
    assertThat(EngineHarness.ruleNames(verticle.httpPort()))
        .containsExactly("live/ValueHigh", "live/OtherHigh");
    long t = nextWindow();
    h.push(Sample.of("live_other", Labels.of("instance", "file-1"), 10, t));
    h.await("OtherHigh", "file-1", AlertStatus.FIRING);
  }

  private static double failures() {
    String text = EngineHarness.http(verticle.httpPort(), "GET", "/metrics", null).body();
    return text.lines()
        .filter(l -> l.startsWith("rules_reload_failures_total") && l.contains("source=\"file\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  @DisplayName(
      "a PUT rule file over RULES_MAX_FILE_BYTES is refused with 413 naming the key, and the"
          + " running rules stay (it used to fail at the producer with a 500)")
  void oversizedRuleFileRefused() {
    List<String> before = EngineHarness.ruleNames(verticle.httpPort());
    StringBuilder big = new StringBuilder(ONE_RULE);
    big.append("      annotations:\n        padding: \"");
    big.append("x".repeat(1_100_000));
    big.append("\"\n");
    HttpResponse<String> r =
        EngineHarness.http(verticle.httpPort(), "PUT", "/api/v1/rules", big.toString());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("RULES_MAX_FILE_BYTES");
    assertThat(EngineHarness.ruleNames(verticle.httpPort())).isEqualTo(before);
  }
}
