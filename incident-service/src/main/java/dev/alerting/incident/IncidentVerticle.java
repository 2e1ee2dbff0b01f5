package dev.alerting.incident;

import dev.alerting.incident.api.IncidentApi;
import dev.alerting.incident.api.IncidentStream;
import dev.alerting.incident.api.OnCallApi;
import dev.alerting.incident.api.OpenApiDocument;
import dev.alerting.incident.store.JdbcIncidentStore;
import dev.alerting.incident.store.PagingStore;
import dev.alerting.incident.stream.AlertConsumer;
import dev.alerting.incident.stream.EscalationTicker;
import dev.alerting.incident.stream.PageOutcomeConsumer;
import dev.alerting.incident.stream.PagePublisher;
import dev.alerting.platform.http.Health;
import dev.alerting.platform.http.Listener;
import dev.alerting.platform.http.ServiceMetrics;
import dev.alerting.platform.http.ServiceRouter;
import dev.alerting.platform.kafka.KafkaAdmin;
import dev.alerting.platform.kafka.TopicSpec;
import dev.alerting.platform.kafka.Topics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident service: migrates the store, consumes alert events into incidents, and serves the
 * REST API, health and metrics. Ready when all of them are.
 */
public final class IncidentVerticle extends VerticleBase {
  private static final String SERVICE = "incident-service";
  private static final Logger LOG = LoggerFactory.getLogger(IncidentVerticle.class);

  private final IncidentConfig config;
  private final Clock clock = Clock.systemUTC();
  private final PrometheusMeterRegistry registry = ServiceMetrics.registry(SERVICE);
  private final IncidentMetrics metrics = new IncidentMetrics(registry);
  private JdbcIncidentStore store;
  private KafkaAdmin admin;
  private AlertConsumer alerts;
  private PagePublisher publisher;
  private EscalationTicker ticker;
  private PageOutcomeConsumer outcomes;
  private long reloadTimer = -1;
  private long countTimer = -1;
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
        .compose(v -> startPaging())
        .compose(v -> startHttp());
  }

  private Future<Void> openStore() {
    return vertx.executeBlocking(
        () -> {
          store = JdbcIncidentStore.open(config.store(), config.oncall(), clock);
          return null;
        });
  }

  private Future<Void> ensureTopics() {
    admin = new KafkaAdmin(vertx, config.kafka(), SERVICE + "-admin");
    List<TopicSpec> topics = new ArrayList<>();
    Topics.pipeline(config.kafka().partitions(), config.kafka().replicationFactor()).stream()
        .filter(t -> t.name().equals(Topics.ALERTS))
        .forEach(topics::add);
    topics.addAll(Topics.paging(config.kafka().partitions(), config.kafka().replicationFactor()));
    return admin.ensureTopics(topics);
  }

  /** The escalation ticker with its outbox publisher, the outcome consumer, the reload check. */
  private Future<Void> startPaging() {
    PagingStore paging = store.paging();
    publisher = new PagePublisher(config.kafka(), SERVICE + "-pages");
    ticker =
        new EscalationTicker(vertx, paging, publisher, metrics, clock, config.escalationTick());
    ticker.start();
    reloadTimer =
        vertx.setPeriodic(config.oncallReloadInterval().toMillis(), t -> reloadIfChanged());
    KafkaConsumer<String, String> consumer =
        KafkaConsumer.create(
            vertx,
            config.kafka().consumer(config.consumerGroup() + "-pages", SERVICE + "-outcomes"));
    outcomes = new PageOutcomeConsumer(vertx, consumer, paging, metrics, config.retryBackoff());
    return outcomes.start();
  }

  private void reloadIfChanged() {
    vertx
        .executeBlocking(config.oncall()::reloadIfChanged, false)
        .onSuccess(
            changed -> {
              if (changed) {
                LOG.info("reloaded {}", config.oncall().file().orElseThrow());
              }
            })
        .onFailure(
            e ->
                LOG.warn(
                    "on-call file not reloaded, the old configuration stays: {}", e.getMessage()));
  }

  private Future<Void> startConsumer() {
    KafkaConsumer<String, String> consumer =
        KafkaConsumer.create(vertx, config.kafka().consumer(config.consumerGroup(), SERVICE));
    alerts = new AlertConsumer(vertx, consumer, store, metrics, clock, config.retryBackoff());
    return alerts.start();
  }

  private Future<Void> startHttp() {
    Incidents incidents = new Incidents(vertx, store, metrics, clock);
    countTimer = vertx.setPeriodic(0, 5_000, t -> incidents.countOpen());
    JdbcIncidentStore opened = store;
    StorePoolMetrics.bind(registry, opened::poolUse);
    Health health =
        new Health()
            .register("kafka", admin::ping)
            .register("store", incidents::ping, () -> StorePoolMetrics.describe(opened.poolUse()));
    Router router = ServiceRouter.create(vertx, health, registry);
    new OpenApiDocument().mount(router);
    new IncidentStream(vertx, store).mount(router);
    new IncidentApi(incidents, config.authTokens()).mount(router);
    new OnCallApi(
            new OnCall(vertx, config.oncall(), store.paging(), clock), clock, config.authTokens())
        .mount(router);
    return Listener.listen(vertx, router, config.httpPort(), "incident-service")
        .onSuccess(s -> server = s)
        .mapEmpty();
  }

  /** Stops taking requests, finishes and commits the batch in progress, then closes everything. */
  @Override
  public Future<?> stop() {
    Future<Void> http = server == null ? Future.succeededFuture() : server.close();
    if (reloadTimer >= 0) {
      vertx.cancelTimer(reloadTimer);
    }
    if (countTimer >= 0) {
      vertx.cancelTimer(countTimer);
    }
    return http.eventually(this::stopConsumer)
        .eventually(this::stopPaging)
        .eventually(this::closeClients);
  }

  private Future<Void> stopConsumer() {
    return alerts == null ? Future.succeededFuture() : alerts.stop();
  }

  private Future<Void> stopPaging() {
    Future<Void> t = ticker == null ? Future.succeededFuture() : ticker.stop();
    return t.eventually(() -> outcomes == null ? Future.succeededFuture() : outcomes.stop());
  }

  private Future<Void> closeClients() {
    return vertx.executeBlocking(
        () -> {
          if (admin != null) {
            admin.close();
          }
          if (publisher != null) {
            publisher.close();
          }
          if (store != null) {
            store.close();
          }
          return null;
        });
  }
}
