package dev.alerting.notify;

import dev.alerting.notify.api.ApiAccess;
import dev.alerting.notify.api.GroupsApi;
import dev.alerting.notify.api.NotificationsApi;
import dev.alerting.notify.api.v2.ApiV2;
import dev.alerting.notify.config.AlertmanagerConfig;
import dev.alerting.notify.config.ConfigLoader;
import dev.alerting.notify.config.ReloadableTemplates;
import dev.alerting.notify.config.TemplateFiles;
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
import dev.alerting.notify.silence.Silences;
import dev.alerting.notify.silence.UntilResolved;
import dev.alerting.notify.stream.AlertRouter;
import dev.alerting.notify.stream.AlertStream;
import dev.alerting.notify.stream.CompactedFeed;
import dev.alerting.notify.stream.DecodedAlerts;
import dev.alerting.notify.stream.NotificationLogTopic;
import dev.alerting.notify.stream.SilenceTopic;
import dev.alerting.platform.http.Health;
import dev.alerting.platform.http.Listener;
import dev.alerting.platform.http.ServiceMetrics;
import dev.alerting.platform.http.ServiceRouter;
import dev.alerting.platform.kafka.KafkaAdmin;
import dev.alerting.platform.kafka.TopicSpec;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.template.Templates;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier service: consumes alert events, routes and groups them as Alertmanager does, and
 * delivers notifications to the receivers; delivers the incident service's pages through the same
 * sender; serves health, metrics, the groups and notifications APIs and Alertmanager's API v2. The
 * core is touched only from this verticle's event loop (poll loop, flush timer, HTTP), so it needs
 * no locks.
 */
public final class NotifierVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(NotifierVerticle.class);

  private final NotifierConfig config;
  private volatile AlertmanagerConfig current;
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
  private Silences silences;
  private SilenceTopic silenceTopic;
  private KafkaProducer<String, String> alertProducer;
  private ApiV2 api;
  private AlertRouter router;
  private CompactedFeed alertView;
  private UntilResolved untilResolved;
  private ReloadableTemplates templates;
  private volatile String original;
  // one event decoded once for the router, the alert view and the group owner
  private final DecodedAlerts decoded = new DecodedAlerts();

  public NotifierVerticle(NotifierConfig config) {
    this.config = config;
    this.current = config.alertmanager();
  }

  /** The port HTTP listens on (the actual one when the config asked for 0). */
  public int httpPort() {
    return server == null ? -1 : server.actualPort();
  }

  @Override
  public Future<?> start() {
    logConfig();
    silences = new Silences();
    silences.useTimeIntervals(config.alertmanager().timeIntervals());
    untilResolved = new UntilResolved(silences);
    dispatcher = new Dispatcher(config.alertmanager(), silences);
    registry = ServiceMetrics.registry("notifier");
    admin = new KafkaAdmin(vertx, config.kafka(), "notifier-admin");
    http = new HttpTransport(vertx, config.delivery().httpPoolSize());
    history = new DeliveryHistory(config.delivery().historySize());
    return readOriginal()
        .compose(v -> ensureTopics())
        .compose(v -> loadDeadLetters())
        .compose(v -> startSilences())
        .compose(v -> startAlertView())
        .compose(v -> startStream())
        .compose(v -> startPages())
        .compose(v -> startHttp());
  }

  /** The routing file's text, for the API's {@code config.original}. */
  private Future<Void> readOriginal() {
    if (config.configPath().isEmpty()) {
      original = ApiV2.defaultOriginal();
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(
        () -> {
          original = Files.readString(config.configPath().get());
          return null;
        });
  }

  /**
   * Silences are loaded before the first alert is read, so a restart never notifies a muted one.
   */
  private Future<Void> startSilences() {
    silenceTopic = new SilenceTopic(vertx, config.kafka(), silences, Silences.DEFAULT_RETENTION);
    return silenceTopic.start();
  }

  /**
   * Every instance follows all firing alerts (the compacted {@code notifier.alerts} view), so
   * inhibition and the API see alerts whatever instance owns their groups.
   */
  private Future<Void> startAlertView() {
    dispatcher.observeExternally();
    alertView =
        new CompactedFeed(
            vertx,
            config.kafka(),
            Topics.NOTIFIER_ALERTS,
            (fp, value, at) -> {
              long now = System.currentTimeMillis();
              if (value != null) {
                dispatcher.observe(decoded.decode(value), now);
              } else {
                Dispatcher.Received gone = dispatcher.current().get(fp);
                if (gone != null) {
                  untilResolved.resolved(gone.alert().labels(), Instant.ofEpochMilli(at));
                }
                dispatcher.forget(fp);
              }
            });
    return alertView
        .start("notifier-alert-view")
        .onSuccess(
            v ->
                silenceTopic.expireResolved(
                    untilResolved,
                    () ->
                        dispatcher.current().values().stream()
                            .map(r -> r.alert().labels())
                            .toList()));
  }

  /** What a reload read: the routing file's text, its parse and its templates. */
  private record Reloaded(String text, AlertmanagerConfig config, Templates templates) {}

  /**
   * {@code POST /-/reload}: re-reads the routing file and its {@code templates:} files; a bad file
   * or template leaves the old ones in place.
   */
  private Future<Void> reload() {
    if (config.configPath().isEmpty()) {
      return Future.succeededFuture();
    }
    return vertx
        .executeBlocking(
            () -> {
              String text = Files.readString(config.configPath().get());
              return new Reloaded(
                  text,
                  ConfigLoader.parse(text, config.strictConfig()),
                  TemplateFiles.load(config.configPath().get()));
            })
        .map(
            loaded -> {
              AlertmanagerConfig next = loaded.config();
              stream.reload(next);
              templates.replace(
                  new AlertmanagerTemplates(loaded.templates(), config.externalUrl()));
              silences.useTimeIntervals(next.timeIntervals());
              sender.alsoRedact(redactor(next));
              sender.keepNotifiersOf(
                  next.receivers().values().stream()
                      .flatMap(r -> r.effectiveIntegrations().stream())
                      .toList());
              current = next;
              original = loaded.text();
              LOG.info("reloaded {}", config.configPath().get());
              return null;
            });
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
    int partitions = config.kafka().partitions();
    short rf = config.kafka().replicationFactor();
    List<TopicSpec> topics = new ArrayList<>(Topics.pipeline(partitions, rf));
    topics.addAll(Topics.notifierState(partitions, rf));
    topics.addAll(Topics.paging(partitions, rf));
    return admin.ensureTopics(topics);
  }

  private Future<Void> loadDeadLetters() {
    deadLetters = new DeadLetterTopic(vertx, config.kafka());
    return deadLetters.load();
  }

  /** Everything that may hold a secret is filtered through this before it is shown. */
  private static Redactor redactor(AlertmanagerConfig am) {
    return new Redactor(
        am.receivers().values().stream().flatMap(r -> r.secrets().stream()).toList());
  }

  private Future<Void> startStream() {
    templates =
        new ReloadableTemplates(
            new AlertmanagerTemplates(config.templates(), config.externalUrl()));
    Channels channels =
        new Channels(vertx, http, templates, config.externalUrl(), config.httpTimeout());
    sender =
        new Sender(
            vertx,
            channels,
            config.retry(),
            redactor(config.alertmanager()),
            new DeliveryMetrics(registry),
            history,
            deadLetters,
            config.delivery().maxInFlightPerReceiver());
    router = new AlertRouter(vertx, config.kafka(), dispatcher, registry, decoded);
    stream =
        new AlertStream(
            vertx,
            config.kafka(),
            dispatcher,
            sender,
            new NotificationLogTopic(vertx, config.kafka()),
            registry,
            decoded);
    Gauge.builder("notifier.groups", dispatcher, Dispatcher::groupCount)
        .description("Aggregation groups held")
        .register(registry);
    FunctionCounter.builder("notifier.flushes.time_muted", dispatcher, Dispatcher::timeMutedFlushes)
        .description("Group flushes that sent nothing: route muted by a time interval")
        .register(registry);
    Gauge.builder("notifier.silences", silences, Silences::size)
        .description("Silences held (any state)")
        .register(registry);
    Gauge.builder("notifier.alerts.inflight", stream, AlertStream::inFlight)
        .description("Alert events read but not yet settled (offsets not committed)")
        .register(registry);
    return stream.start().compose(v -> router.start());
  }

  /** Pages from the incident service go through the same sender as alert notifications. */
  private Future<Void> startPages() {
    pages = new PageStream(vertx, config.kafka(), () -> current, sender, registry);
    return pages.start();
  }

  private Future<Void> startHttp() {
    Health health = new Health().register("kafka", admin::ping);
    Router router = ServiceRouter.create(vertx, health, registry);
    ApiAccess.mount(router, config.authTokens());
    new GroupsApi(dispatcher).mount(router);
    new NotificationsApi(
            history, deadLetters, sender, name -> Optional.ofNullable(current.receiver(name)))
        .mount(router);
    alertProducer = KafkaProducer.create(vertx, config.kafka().producer("notifier-api"));
    api =
        new ApiV2(
            vertx, dispatcher, silences, silenceTopic, alertProducer, () -> original, this::reload);
    api.mount(router);
    return Listener.listen(vertx, router, config.httpPort(), "notifier")
        .onSuccess(s -> server = s)
        .mapEmpty();
  }

  @Override
  public Future<?> stop() {
    if (api != null) {
      api.stop();
    }
    Future<Void> routed = router == null ? Future.succeededFuture() : router.stop();
    return routed
        .compose(v -> stream == null ? Future.succeededFuture() : stream.stop())
        .eventually(() -> pages == null ? Future.succeededFuture() : pages.stop())
        .compose(v -> alertView == null ? Future.succeededFuture() : alertView.stop())
        .compose(v -> silenceTopic == null ? Future.succeededFuture() : silenceTopic.stop())
        .compose(v -> alertProducer == null ? Future.succeededFuture() : alertProducer.close())
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
