package dev.alerting.ingest;

import dev.alerting.ingest.push.IngestMetrics;
import dev.alerting.ingest.push.PushHandler;
import dev.alerting.ingest.push.SampleWriter;
import dev.alerting.ingest.sample.SampleValidator;
import dev.alerting.platform.http.BrowserRequests;
import dev.alerting.platform.http.Health;
import dev.alerting.platform.http.Listener;
import dev.alerting.platform.http.ServiceMetrics;
import dev.alerting.platform.http.ServiceRouter;
import dev.alerting.platform.kafka.KafkaAdmin;
import dev.alerting.platform.kafka.Topics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics-ingest service: ensures the pipeline topics, opens the Kafka producer and serves the
 * push API with health and metrics. Ready once HTTP listens; stopping drains requests in progress,
 * then flushes and closes the producer.
 */
public final class IngestVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);
  private static final String SERVICE = "metrics-ingest";

  /** How long stop() lets requests in progress finish before closing their connections. */
  private static final long DRAIN_SECONDS = 15;

  private final IngestConfig config;
  private KafkaAdmin admin;
  private SampleWriter writer;
  private HttpServer server;

  public IngestVerticle(IngestConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    admin = new KafkaAdmin(vertx, config.kafka(), SERVICE + "-admin");
    return ensureTopics().map(v -> openWriter()).compose(v -> listen());
  }

  /** The actual HTTP port (the configured one, or the one picked when configured as 0). */
  public int httpPort() {
    return server.actualPort();
  }

  private Future<Void> ensureTopics() {
    var kafka = config.kafka();
    return admin.ensureTopics(Topics.pipeline(kafka.partitions(), kafka.replicationFactor()));
  }

  private Void openWriter() {
    writer =
        new SampleWriter(
            vertx, config.producerConfig(SERVICE), config.ackTimeout(), config.samplesEncoding());
    return null;
  }

  private Future<HttpServer> listen() {
    PrometheusMeterRegistry registry = ServiceMetrics.registry(SERVICE);
    Health health = new Health().register("kafka", admin::ping);
    Router router = ServiceRouter.create(vertx, health, registry, BrowserRequests.ANY_BODY);
    new PushHandler(
            vertx,
            config,
            new SampleValidator(config.limits()),
            writer,
            new IngestMetrics(registry))
        .mount(router);
    return Listener.listen(vertx, router, config.httpPort(), "metrics-ingest")
        .onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    return stopAccepting().eventually(this::closeWriter).eventually(this::closeAdmin);
  }

  private Future<Void> stopAccepting() {
    return server == null
        ? Future.succeededFuture()
        : server.shutdown(DRAIN_SECONDS, TimeUnit.SECONDS);
  }

  private Future<Void> closeWriter() {
    return writer == null ? Future.succeededFuture() : writer.close();
  }

  private Future<Void> closeAdmin() {
    return vertx.executeBlocking(
        () -> {
          admin.close();
          return null;
        });
  }
}
