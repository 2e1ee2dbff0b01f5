package dev.alerting.rule;

import dev.alerting.platform.http.Health;
import dev.alerting.platform.http.ServiceMetrics;
import dev.alerting.platform.http.ServiceRouter;
import dev.alerting.platform.kafka.KafkaAdmin;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.rule.api.RulesApi;
import dev.alerting.rule.engine.RuleEngine;
import dev.alerting.rule.group.RuleGroup;
import dev.alerting.rule.stream.SampleStream;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule engine service: consumes samples, evaluates alerting rules in event time and emits
 * alert state changes; serves health, metrics and the Prometheus-shaped rules/alerts API. The core
 * is touched only from this verticle's event loop (poll loop, ticks, HTTP), so it needs no locks.
 */
public final class RuleEngineVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RuleEngineVerticle.class);

  private final RuleEngineConfig config;
  private RuleEngine engine;
  private PrometheusMeterRegistry registry;
  private KafkaAdmin admin;
  private SampleStream stream;
  private HttpServer server;
  private long tickTimer = -1;

  public RuleEngineVerticle(RuleEngineConfig config) {
    this.config = config;
  }

  /** The port HTTP listens on (the actual one when the config asked for 0). */
  public int httpPort() {
    return server == null ? -1 : server.actualPort();
  }

  /** The core, for the launcher and tests that inspect state; use only on this verticle's context. */
  public RuleEngine engine() {
    return engine;
  }

  @Override
  public Future<?> start() {
    engine = new RuleEngine(config.groups(), config.alertContext());
    registry = ServiceMetrics.registry("rule-engine");
    FunctionCounter.builder("rules.evaluations", engine, RuleEngine::evaluations)
        .description("Rule evaluations run")
        .register(registry);
    Gauge.builder("rules.series", engine, RuleEngine::seriesCount)
        .description("Series held in the lookback window")
        .register(registry);
    admin = new KafkaAdmin(vertx, config.kafka(), "rule-engine-admin");
    logRules();
    return ensureTopics().compose(v -> startStream()).compose(v -> startHttp()).onSuccess(v -> startTicks());
  }

  private void logRules() {
    if (config.rulesPath().isEmpty()) {
      LOG.info("no rule file configured ({} unset): no rules loaded", RuleEngineConfig.RULES_FILE);
      return;
    }
    int rules = config.groups().stream().mapToInt(g -> g.rules().size()).sum();
    LOG.info("loaded {} rules in {} groups from {}", rules, config.groups().size(), config.rulesPath().get());
    for (RuleGroup g : config.groups()) {
      LOG.info("rule group {} ({}): {} rules", g.name(), g.file(), g.rules().size());
    }
  }

  private Future<Void> ensureTopics() {
    return admin.ensureTopics(
        Topics.pipeline(config.kafka().partitions(), config.kafka().replicationFactor()));
  }

  private Future<Void> startStream() {
    stream = new SampleStream(vertx, config.kafka(), engine, registry);
    return stream.start();
  }

  private Future<Void> startHttp() {
    Health health = new Health().register("kafka", admin::ping);
    Router router = ServiceRouter.create(vertx, health, registry);
    new RulesApi(engine).mount(router);
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(config.httpPort())
        .onSuccess(s -> {
          server = s;
          LOG.info("rule-engine listening on port {}", s.actualPort());
        })
        .mapEmpty();
  }

  private void startTicks() {
    tickTimer =
        vertx.setPeriodic(
            config.tickInterval().toMillis(),
            id ->
                stream
                    .tick(Instant.now())
                    .onFailure(e -> LOG.warn("tick events not published: {}", e.getMessage())));
  }

  @Override
  public Future<?> stop() {
    if (tickTimer >= 0) {
      vertx.cancelTimer(tickTimer);
    }
    Future<Void> drained = stream == null ? Future.succeededFuture() : stream.stop();
    return drained
        .compose(v -> server == null ? Future.succeededFuture() : server.close())
        .compose(v -> admin == null ? Future.succeededFuture() : closeAdmin())
        .onComplete(v -> {
          if (registry != null) {
            registry.close();
          }
        });
  }

  private Future<Void> closeAdmin() {
    // Admin.close blocks for up to its timeout; keep it off the event loop.
    return vertx.executeBlocking(() -> {
      admin.close();
      return null;
    });
  }
}
