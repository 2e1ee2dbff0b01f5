package dev.alerting.incident;

import dev.alerting.incident.api.IncidentApi;
import dev.alerting.incident.store.IncidentStore;
import dev.alerting.incident.store.JdbcIncidentStore;
import dev.alerting.incident.stream.AlertConsumer;
import dev.alerting.platform.http.Health;
import dev.alerting.platform.http.ServiceMetrics;
import dev.alerting.platform.http.ServiceRouter;
import dev.alerting.platform.kafka.KafkaAdmin;
import dev.alerting.platform.kafka.Topics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.time.Clock;

/**
 * The incident service: migrates the store, consumes alert events into incidents, and serves the
 * REST API, health and metrics. Ready when all of them are.
 */
public final class IncidentVerticle extends VerticleBase {
  private static final String SERVICE = "incident-service";

  private final IncidentConfig config;
  private final Clock clock = Clock.systemUTC();
  private final PrometheusMeterRegistry registry = ServiceMetrics.registry(SERVICE);
  private final IncidentMetrics metrics = new IncidentMetrics(registry);
  private IncidentStore store;
  private KafkaAdmin admin;
  private AlertConsumer alerts;
  private HttpServer server;

  public IncidentVerticle(IncidentConfig config) {
    this.config = config;
  }

  /** The port the HTTP server listens on (the real one when the config asked for 0). */
  public int httpPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    return openStore()
        .compose(v -> ensureTopics())
        .compose(v -> startConsumer())
        .compose(v -> startHttp());
  }

  private Future<Void> openStore() {
    return vertx.executeBlocking(
        () -> {
          store = JdbcIncidentStore.open(config.store());
          return null;
        });
  }

  private Future<Void> ensureTopics() {
    admin = new KafkaAdmin(vertx, config.kafka(), SERVICE + "-admin");
    return admin.ensureTopics(
        Topics.pipeline(config.kafka().partitions(), config.kafka().replicationFactor()).stream()
            .filter(t -> t.name().equals(Topics.ALERTS))
            .toList());
  }

  private Future<Void> startConsumer() {
    KafkaConsumer<String, String> consumer =
        KafkaConsumer.create(vertx, config.kafka().consumer(config.consumerGroup(), SERVICE));
    alerts = new AlertConsumer(vertx, consumer, store, metrics, clock, config.retryBackoff());
    return alerts.start();
  }

  private Future<Void> startHttp() {
    Incidents incidents = new Incidents(vertx, store, metrics, clock);
    Health health = new Health().register("kafka", admin::ping).register("store", incidents::ping);
    Router router = ServiceRouter.create(vertx, health, registry);
    new IncidentApi(incidents).mount(router);
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(config.httpPort())
        .onSuccess(s -> server = s)
        .mapEmpty();
  }

  /** Stops taking requests, finishes and commits the batch in progress, then closes everything. */
  @Override
  public Future<?> stop() {
    Future<Void> http = server == null ? Future.succeededFuture() : server.close();
    return http.eventually(this::stopConsumer).eventually(this::closeClients);
  }

  private Future<Void> stopConsumer() {
    return alerts == null ? Future.succeededFuture() : alerts.stop();
  }

  private Future<Void> closeClients() {
    return vertx.executeBlocking(
        () -> {
          if (admin != null) {
            admin.close();
          }
          if (store != null) {
            store.close();
          }
          return null;
        });
  }
}
