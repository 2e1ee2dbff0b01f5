package dev.alerting.notify.api.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.alerting.notify.NotifierConfig;
import dev.alerting.notify.NotifierVerticle;
import dev.alerting.platform.config.Settings;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's 2.42, when installed) with {@code alerting.alertmanagers} pointed at
 * the notifier: its alert comes in through {@code POST /api/v2/alerts}, goes through a route to a
 * webhook, and resolves once Prometheus stops re-sending it and its {@code endsAt} passes.
 */
@DisplayName("a real Prometheus sends its alerts to the notifier")
class PrometheusAlertsIT {
  private static final Path BINARY =
      Path.of(System.getProperty("prometheus.binary", "/usr/bin/prometheus"));
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  @DisplayName(
      "its firing alert is routed to the webhook once, and resolves after Prometheus goes away")
  void prometheusToWebhook(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(BINARY), "no prometheus binary at " + BINARY + "; skipped");
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    Vertx vertx = Vertx.vertx();
    Process prometheus = null;
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      HttpServer sink =
          vertx
              .createHttpServer()
              .requestHandler(
                  req ->
                      req.body()
                          .onSuccess(
                              b -> {
                                received.add(b.toJsonObject().put("path", req.path()));
                                req.response().end();
                              }))
              .listen(0)
              .await();
      Path routing = dir.resolve("alertmanager.yml");
      Files.writeString(
          routing,
          """
          route:
            receiver: other
            group_by: [alertname]
            group_wait: 100ms
            group_interval: 500ms
            routes:
            - matchers: ['team="prom"']
              receiver: prom
          receivers:
          - name: other
          - name: prom
            webhook_configs:
            - url: http://127.0.0.1:%d/prom
          """
              .formatted(sink.actualPort()));
      NotifierVerticle notifier =
          new NotifierVerticle(
              NotifierConfig.from(
                  Settings.of(
                      Map.of(
                          "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                          "NOTIFIER_HTTP_PORT", "0",
                          "NOTIFIER_CONFIG", routing.toString()))));
      vertx.deployVerticle(notifier).await();

      Files.writeString(
          dir.resolve("rules.yml"),
          """
          groups:
          - name: always
            rules:
            - alert: AlwaysOn
              expr: vector(1)
              labels: {team: prom}
              annotations: {summary: always on}
          """);
      int port = freePort(); // Prometheus 2.42 cannot listen on port 0
      Files.writeString(
          dir.resolve("prometheus.yml"),
          """
          global: {scrape_interval: 1s, evaluation_interval: 1s}
          rule_files: [rules.yml]
          alerting:
            alertmanagers:
            - api_version: v2
              static_configs: [{targets: ['127.0.0.1:%d']}]
          """
              .formatted(notifier.httpPort()));
      prometheus =
          new ProcessBuilder(
                  BINARY.toString(),
                  "--config.file=" + dir.resolve("prometheus.yml"),
                  "--storage.tsdb.path=" + dir.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port,
                  "--rules.alert.resend-delay=1s")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("prometheus.log").toFile())
              .start();

      JsonObject firing =
          Eventually.await(
              WAIT, "Prometheus's alert at the webhook", () -> first(received, "firing"));
      assertThat(firing.getString("path")).isEqualTo("/prom");
      assertThat(firing.getString("receiver")).isEqualTo("prom");
      JsonObject alert = firing.getJsonArray("alerts").getJsonObject(0);
      assertThat(alert.getJsonObject("labels").getMap())
          .containsEntry("alertname", "AlwaysOn")
          .containsEntry("team", "prom");
      assertThat(alert.getJsonObject("annotations").getString("summary")).isEqualTo("always on");
      assertThat(alert.getString("generatorURL")).contains("vector%281%29");

      prometheus.destroy();
      assertThat(prometheus.waitFor(30, TimeUnit.SECONDS)).isTrue();
      JsonObject resolved =
          Eventually.await(
              WAIT, "the resolve after Prometheus stopped", () -> first(received, "resolved"));
      assertThat(resolved.getJsonArray("alerts").getJsonObject(0).getString("status"))
          .isEqualTo("resolved");
      assertThat(received.stream().filter(b -> b.getString("status").equals("firing")))
          .as("re-sent every second by Prometheus, notified once")
          .hasSize(1);
    } finally {
      if (prometheus != null) {
        prometheus.destroyForcibly();
      }
      vertx.close().await();
    }
  }

  private static JsonObject first(List<JsonObject> received, String status) {
    return received.stream()
        .filter(b -> status.equals(b.getString("status")))
        .findFirst()
        .orElse(null);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
