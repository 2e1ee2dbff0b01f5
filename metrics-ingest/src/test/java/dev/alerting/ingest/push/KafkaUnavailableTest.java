package dev.alerting.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.ingest.IngestConfig;
import dev.alerting.ingest.sample.SampleValidator;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.http.Health;
import dev.alerting.platform.http.Problem;
import dev.alerting.platform.http.ServiceRouter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the push API without a reachable broker")
class KafkaUnavailableTest {
  private final Vertx vertx = Vertx.vertx();
  private SampleWriter writer;

  @AfterEach
  void close() {
    if (writer != null) {
      writer.close().await();
    }
    vertx.close().await();
  }

  @Test
  @DisplayName("answers 503 problem+json with Retry-After when Kafka does not acknowledge in time")
  void answers503() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort(); // closed again: nothing listens there
    }
    IngestConfig config =
        IngestConfig.from(
            Settings.of(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS",
                    "localhost:" + deadPort,
                    IngestConfig.ACK_TIMEOUT,
                    "1s",
                    IngestConfig.RETRY_AFTER,
                    "7s")));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    IngestMetrics metrics = new IngestMetrics(registry);
    writer =
        new SampleWriter(
            vertx, config.kafka().producer("test"), config.ackTimeout(), config.samplesEncoding());
    Router router = ServiceRouter.create(vertx, new Health(), registry);
    new PushHandler(vertx, config, new SampleValidator(config.limits()), writer, metrics)
        .mount(router);
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).await();

    HttpResponse<Buffer> r =
        WebClient.create(vertx)
            .post(server.actualPort(), "localhost", PushHandler.PATH)
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer("[{\"name\":\"up\",\"value\":1}]"))
            .await();

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
    assertThat(r.getHeader("Retry-After")).isEqualTo("7");
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("retry the whole request");
    assertThat(registry.get("ingest.requests").tag("outcome", "unavailable").counter().count())
        .isEqualTo(1);
    assertThat(
            registry.get("ingest.samples.rejected").tag("reason", "unavailable").counter().count())
        .isEqualTo(1);
  }
}
