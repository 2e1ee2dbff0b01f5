package dev.alerting.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.config.Settings;
import dev.alerting.testkit.EmbeddedKafka;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a bad sender clock and an unauthenticated caller must not do to the engine, against a real
 * broker: samples dated ahead of their broker time must not move event time for everyone, and
 * replacing the rules needs an admin token. (A second instance: {@code StandbyIT}.)
 */
@DisplayName("Rule engine safety: a future-dated sample and who may replace the rules")
class EngineSafetyIT {
  static final String RULES =
      """
      groups:
      - name: safety
        rules:
        - alert: SkewHot
          expr: skew_value > 5
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

  @Test
  @DisplayName(
      "one sample dated 10 minutes ahead of its broker time resolves no one's alert and makes no"
          + " real sample too old; it is counted")
  void futureSampleDoesNotMoveTheClock() {
    RuleEngineVerticle engine = new RuleEngineVerticle(config);
    String id = deploy(engine);
    try (EngineHarness h = new EngineHarness(kafka)) {
      long now = System.currentTimeMillis();
      h.pushAt(Sample.of("skew_value", Labels.of("instance", "a"), 10, now), now);
      h.pushAt(Sample.of("skew_value", Labels.of("instance", "b"), 10, now), now);
      h.await("SkewHot", "a", AlertStatus.FIRING);
      h.await("SkewHot", "b", AlertStatus.FIRING);

      long later = now + 1000;
      h.pushAt(
          Sample.of(
              "skew_value", Labels.of("instance", "c"), 1, now + Duration.ofMinutes(10).toMillis()),
          later);
      h.pushAt(Sample.of("skew_value", Labels.of("instance", "a"), 10, later + 1000), later);
      h.pushAt(Sample.of("skew_value", Labels.of("instance", "b"), 10, later + 1000), later);
      h.awaitConsumed();

      assertThat(h.events("SkewHot", "a", AlertStatus.RESOLVED)).isEmpty();
      assertThat(h.events("SkewHot", "b", AlertStatus.RESOLVED)).isEmpty();
      assertThat(h.events("SkewHot", "a", AlertStatus.FIRING)).hasSize(1);
      String metrics = EngineHarness.http(engine.httpPort(), "GET", "/metrics", null).body();
      assertThat(metrics)
          .contains("rules_samples_future_total{service=\"rule-engine\"} 1.0")
          .contains("rules_samples_dropped_total{reason=\"too_old\",service=\"rule-engine\"} 0.0");
    } finally {
      vertx.undeploy(id).await();
    }
  }

  @Test
  @DisplayName(
      "with RULES_AUTH_TOKENS, replacing the rules needs an admin token: 401 without one, 403 with"
          + " a write token, and an empty rule file sent without a token resolves nothing")
  void replacingRulesNeedsAdmin() {
    String admin = "admin-0123456789abcdef";
    String writer = "writer-0123456789abcdef";
    RuleEngineConfig secured =
        RuleEngineConfig.from(
            Settings.of(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS",
                    kafka.bootstrapServers(),
                    "RULES_HTTP_PORT",
                    "0",
                    "RULES_FILE",
                    config.rulesPath().orElseThrow().toString(),
                    "RULES_AUTH_TOKENS",
                    "admin:" + admin + ",write:" + writer)));
    RuleEngineVerticle engine = new RuleEngineVerticle(secured);
    String id = deploy(engine);
    try {
      int port = engine.httpPort();
      List<String> before = EngineHarness.ruleNames(port);
      assertThat(before).isNotEmpty();
      HttpResponse<String> none = put(port, "groups: []\n", null);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
      assertThat(put(port, "groups: []\n", writer).statusCode()).isEqualTo(403);
      assertThat(EngineHarness.ruleNames(port)).isEqualTo(before);
      // reads stay open
      assertThat(EngineHarness.http(port, "GET", "/api/v1/rules", null).statusCode())
          .isEqualTo(200);
      assertThat(put(port, RULES, admin).statusCode()).isEqualTo(200);
    } finally {
      vertx.undeploy(id).await();
    }
  }

  private static HttpResponse<String> put(int port, String body, String token) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/rules"))
              .PUT(HttpRequest.BodyPublishers.ofString(body))
              .header("Content-Type", "application/yaml");
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
