package dev.alerting.notify;

import dev.alerting.notify.api.GroupsApi;
import dev.alerting.notify.api.NotificationsApi;
import dev.alerting.notify.config.AlertmanagerConfig;
import dev.alerting.notify.dispatch.Dispatcher;
import dev.alerting.notify.history.DeadLetterTopic;
import dev.alerting.notify.history.DeliveryHistory;
import dev.alerting.notify.page.PageStream;
import dev.alerting.notify.receiver.AlertmanagerTemplates;
import dev.alerting.notify.receiver.Channels;
import dev.alerting.notify.receiver.DeliveryMetrics;
import dev.alerting.notify.receiver.Redactor;
import dev.alerting.notify.receiver.Sender;
import dev.alerting.notify.receiver.http.HttpTransport;
import dev.alerting.notify.stream.AlertStream;
import dev.alerting.platform.http.Health;
import dev.alerting.platform.http.ServiceMetrics;
import dev.alerting.platform.http.ServiceRouter;
import dev.alerting.platform.kafka.KafkaAdmin;
import dev.alerting.platform.kafka.TopicSpec;
import dev.alerting.platform.kafka.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier service: consumes alert events, routes and groups them as Alertmanager does, and
 * delivers notifications to the receivers; serves health, metrics and the groups API. The core is
 * touched only from this verticle's event loop (poll loop, flush timer, HTTP), so it needs no
 * locks.
 */
public final class NotifierVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(NotifierVerticle.class);

  private final NotifierConfig config;
  private Dispatcher dispatcher;
  private PrometheusMeterRegistry registry;
  private KafkaAdmin admin;
  private HttpTransport http;
  private DeadLetterTopic deadLetters;
  private DeliveryHistory history;
  private Sender sender;
  private AlertStream stream;
  private PageStream pages;
  private HttpServer server;

  public NotifierVerticle(NotifierConfig config) {
    this.config = config;
  }

  /** The port HTTP listens on (the actual one when the config asked for 0). */
  public int httpPort() {
    return server == null ? -1 : server.actualPort();
  }

  @Override
  public Future<?> start() {
    logConfig();
    dispatcher = new Dispatcher(config.alertmanager());
    registry = ServiceMetrics.registry("notifier");
    admin = new KafkaAdmin(vertx, config.kafka(), "notifier-admin");
    http = new HttpTransport(vertx, config.delivery().httpPoolSize());
    history = new DeliveryHistory(config.delivery().historySize());
    return ensureTopics()
        .compose(v -> loadDeadLetters())
        .compose(v -> startStream())
        .compose(v -> startPages())
        .compose(v -> startHttp());
  }

  private void logConfig() {
    AlertmanagerConfig am = config.alertmanager();
    if (config.configPath().isEmpty()) {
      LOG.info(
          "no routing file configured ({} unset): every alert goes to the log receiver",
          NotifierConfig.CONFIG);
    } else {
      LOG.info(
          "loaded {} routes and {} receivers from {}",
          am.route().flatten().size(),
          am.receivers().size(),
          config.configPath().get());
    }
    am.warnings().forEach(w -> LOG.warn("{}: {}", NotifierConfig.CONFIG, w));
  }

  private Future<Void> ensureTopics() {
    List<TopicSpec> topics =
        new ArrayList<>(
            Topics.pipeline(config.kafka().partitions(), config.kafka().replicationFactor()));
    topics.addAll(Topics.notifierState(config.kafka().replicationFactor()));
    topics.addAll(Topics.paging(config.kafka().partitions(), config.kafka().replicationFactor()));
    return admin.ensureTopics(topics);
  }

  private Future<Void> loadDeadLetters() {
    deadLetters = new DeadLetterTopic(vertx, config.kafka());
    return deadLetters.load();
  }

  /** Everything that may hold a secret is filtered through this before it is shown. */
  private Redactor redactor() {
    return new Redactor(
        config.alertmanager().receivers().values().stream()
            .flatMap(r -> r.secrets().stream())
            .toList());
  }

  /** Pages from the incident service go through the same sender as alert notifications. */
  private Future<Void> startPages() {
    pages = new PageStream(vertx, config.kafka(), config::alertmanager, sender, registry);
    return pages.start();
  }

  private Future<Void> startStream() {
    Channels channels =
        new Channels(
            vertx,
            http,
            new AlertmanagerTemplates(config.templates(), config.externalUrl()),
            config.externalUrl(),
            config.httpTimeout());
    sender =
        new Sender(
            vertx,
            channels,
            config.retry(),
            redactor(),
            new DeliveryMetrics(registry),
            history,
            deadLetters,
            config.delivery().maxInFlightPerReceiver());
    stream = new AlertStream(vertx, config.kafka(), dispatcher, sender, registry);
    Gauge.builder("notifier.groups", dispatcher, d -> d.groups().size())
        .description("Aggregation groups held")
        .register(registry);
    Gauge.builder("notifier.alerts.inflight", stream, AlertStream::inFlight)
        .description("Alert events read but not yet settled (offsets not committed)")
        .register(registry);
    return stream.start();
  }

  private Future<Void> startHttp() {
    Health health = new Health().register("kafka", admin::ping);
    Router router = ServiceRouter.create(vertx, health, registry);
    new GroupsApi(dispatcher).mount(router);
    new NotificationsApi(
            history,
            deadLetters,
            sender,
            name -> Optional.ofNullable(config.alertmanager().receiver(name)))
        .mount(router);
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(config.httpPort())
        .onSuccess(
            s -> {
              server = s;
              LOG.info("notifier listening on port {}", s.actualPort());
            })
        .mapEmpty();
  }

  @Override
  public Future<?> stop() {
    Future<Void> drained =
        (stream == null ? Future.<Void>succeededFuture() : stream.stop())
            .eventually(() -> pages == null ? Future.succeededFuture() : pages.stop());
    return drained
        .compose(v -> server == null ? Future.succeededFuture() : server.close())
        .compose(v -> sender == null ? Future.succeededFuture() : sender.close())
        .compose(v -> admin == null ? Future.succeededFuture() : closeAdmin())
        .onComplete(
            v -> {
              if (http != null) {
                http.close();
              }
              if (registry != null) {
                registry.close();
              }
            });
  }

  private Future<Void> closeAdmin() {
    // Admin.close blocks for up to its timeout; keep it off the event loop.
    return vertx.executeBlocking(
        () -> {
          admin.close();
          if (deadLetters != null) {
            deadLetters.close();
          }
          return null;
        });
  }
}
