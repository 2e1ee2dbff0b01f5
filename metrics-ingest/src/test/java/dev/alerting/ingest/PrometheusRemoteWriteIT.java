package dev.alerting.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.SampleCodec;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.TopicProbe;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus (the {@code prometheus} binary, when installed) scrapes itself and
 * remote-writes to ingest with a bearer token; its own series must arrive on the samples topic.
 */
@DisplayName("a real Prometheus remote-writing to metrics-ingest")
class PrometheusRemoteWriteIT {
  private static final Path BINARY =
      Path.of(System.getProperty("prometheus.binary", "/usr/bin/prometheus"));
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String TOKEN = "prom-" + UUID.randomUUID();

  @Test
  @DisplayName("its up and prometheus_build_info series reach metrics.samples with their labels")
  void remoteWrite() throws Exception {
    assumeTrue(Files.isExecutable(BINARY), "no prometheus binary at " + BINARY + "; skipped");
    Path dir = Files.createTempDirectory("prometheus-it");
    String run = UUID.randomUUID().toString();
    Vertx vertx = Vertx.vertx();
    Process prometheus = null;
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      IngestVerticle ingest =
          new IngestVerticle(
              IngestConfig.from(
                  Settings.of(
                      Map.of(
                          "KAFKA_BOOTSTRAP_SERVERS",
                          kafka.bootstrapServers(),
                          IngestConfig.HTTP_PORT,
                          "0",
                          IngestConfig.AUTH_TOKENS,
                          TOKEN))));
      vertx.deployVerticle(ingest).await(); // the topic exists from here on
      TopicProbe probe = new TopicProbe(kafka.bootstrapServers(), Topics.SAMPLES);
      int port = freePort(); // Prometheus 2.42 cannot listen on port 0
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(config, config(port, ingest.httpPort(), run));
      prometheus =
          new ProcessBuilder(
                  BINARY.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + dir.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("prometheus.log").toFile())
              .start();

      List<Sample> up = samples(probe.await(r -> isFrom(r, "up", run), 1, WAIT));
      List<Sample> info =
          samples(probe.await(r -> isFrom(r, "prometheus_build_info", run), 1, WAIT));

      assertThat(up.get(0).series().asMap())
          .containsEntry("job", "prometheus")
          .containsEntry("instance", "127.0.0.1:" + port)
          .containsEntry("run", run);
      assertThat(up.get(0).value()).isEqualTo(1.0);
      assertThat(up.get(0).timestampMillis())
          .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(120_000L));
      assertThat(info.get(0).series().asMap()).containsKey("version").containsKey("goversion");
      assertThat(info.get(0).value()).isEqualTo(1.0);
      probe.close();
    } finally {
      if (prometheus != null) {
        prometheus.destroy();
        if (!prometheus.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
          prometheus.destroyForcibly();
        }
      }
      vertx.close().await();
      deleteTree(dir);
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

  private static boolean isFrom(ConsumerRecord<String, String> r, String name, String run) {
    return r.value().contains("\"name\":\"" + name + "\"") && r.value().contains(run);
  }

  private static List<Sample> samples(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(r -> SampleCodec.decode(r.value())).toList();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
