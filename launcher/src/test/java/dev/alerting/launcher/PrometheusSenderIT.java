package dev.alerting.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.alerting.model.alert.Alert;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.testkit.SampleProbe;
import dev.alerting.testkit.TopicProbe;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (the {@code prometheus} binary, when installed; {@code .ci/run} installs it)
 * scrapes itself and remote-writes to the stack's ingest with a bearer token: its series arrive on
 * {@code metrics.samples} with their labels, and a rule on one of them fires on {@code alerts}.
 */
@DisplayName("a real Prometheus remote-writing to the stack")
class PrometheusSenderIT {
  private static final Path BINARY =
      Path.of(System.getProperty("prometheus.binary", "/usr/bin/prometheus"));
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String TOKEN = "prom-" + UUID.randomUUID();

  @Test
  @DisplayName("its series reach metrics.samples with their labels and a rule on `up` fires")
  void remoteWriteToAlert(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(BINARY), "no prometheus binary at " + BINARY + "; skipped");
    String run = UUID.randomUUID().toString();
    Path rules = dir.resolve("prometheus-rules.yml"); // StackFixture writes its own rules.yml
    Files.writeString(
        rules,
        """
        groups:
          - name: prometheus
            rules:
              - alert: PrometheusScrapesItself
                expr: up{job="prometheus"} == 1
                labels:
                  severity: info
        """);
    try (WebhookSink hook = new WebhookSink()) {
      Settings settings =
          StackFixture.settings(
              dir, hook.url(), Map.of("RULES_FILE", rules.toString(), "INGEST_AUTH_TOKENS", TOKEN));
      Process prometheus = null;
      try (AlertingStack stack = AlertingStack.start(settings, 0);
          SampleProbe samples = new SampleProbe(stack.bootstrapServers());
          TopicProbe alerts = new TopicProbe(stack.bootstrapServers(), Topics.ALERTS)) {
        int port = freePort(); // Prometheus 2.42 cannot listen on port 0
        int ingestPort = java.net.URI.create(stack.url(Service.INGEST)).getPort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, config(port, ingestPort, run));
        prometheus =
            new ProcessBuilder(
                    BINARY.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();

        List<Sample> up = samples.await(s -> isFrom(s, "up", run), 1, WAIT);
        List<Sample> info = samples.await(s -> isFrom(s, "prometheus_build_info", run), 1, WAIT);
        Alert fired =
            AlertCodec.decode(
                alerts
                    .await(r -> r.value().contains("PrometheusScrapesItself"), 1, WAIT)
                    .get(0)
                    .value());

        assertThat(up.get(0).series().asMap())
            .containsEntry("job", "prometheus")
            .containsEntry("instance", "127.0.0.1:" + port)
            .containsEntry("run", run);
        assertThat(up.get(0).value()).isEqualTo(1.0);
        assertThat(up.get(0).timestampMillis())
            .isCloseTo(System.currentTimeMillis(), Offset.offset(120_000L));
        assertThat(info.get(0).series().asMap()).containsKey("version").containsKey("goversion");
        assertThat(fired.isFiring()).isTrue();
        assertThat(fired.labels().asMap())
            .containsEntry("alertname", "PrometheusScrapesItself")
            .containsEntry("job", "prometheus")
            .containsEntry("instance", "127.0.0.1:" + port)
            .containsEntry("run", run)
            .containsEntry("severity", "info");
      } finally {
        if (prometheus != null) {
          prometheus.destroy();
          if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
            prometheus.destroyForcibly();
          }
        }
      }
    }
  }

  private static String config(int port, int ingestPort, String run) {
    return """
        global:
          scrape_interval: 1s
          external_labels:
            run: "%s"
        scrape_configs:
          - job_name: prometheus
            static_configs:
              - targets: ["127.0.0.1:%d"]
        remote_write:
          - url: "http://127.0.0.1:%d/api/v1/write"
            authorization:
              credentials: "%s"
            queue_config:
              batch_send_deadline: 1s
              min_backoff: 100ms
        """
        .formatted(run, port, ingestPort, TOKEN);
  }

  private static boolean isFrom(Sample s, String name, String run) {
    return s.name().equals(name) && s.series().toString().contains(run);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
