package dev.alerting.rule;

import dev.alerting.platform.http.Health;
import dev.alerting.platform.http.Listener;
import dev.alerting.platform.http.ServiceMetrics;
import dev.alerting.platform.http.ServiceRouter;
import dev.alerting.platform.kafka.KafkaAdmin;
import dev.alerting.platform.kafka.TopicSpec;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.rule.api.QueryApi;
import dev.alerting.rule.api.RulesApi;
import dev.alerting.rule.election.LeaderElection;
import dev.alerting.rule.engine.RuleEngine;
import dev.alerting.rule.file.RuleFileLoader;
import dev.alerting.rule.reload.RuleReloader;
import dev.alerting.rule.stream.EngineMeters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule engine service: consumes samples, evaluates alerting rules in event time and emits alert
 * state changes; serves health, metrics and the Prometheus-shaped rules/alerts API, takes new rules
 * at runtime and checkpoints alert state so a restart remembers it (see DESIGN.md). Several
 * instances run as one active and hot standbys: an instance evaluates only while it holds the seat
 * of the {@link LeaderElection} (an {@link ActiveTerm}); a standby serves health and metrics and
 * waits. The core is touched only from this verticle's event loop (poll loop, ticks, reloads,
 * HTTP), so it needs no locks.
 */
public final class RuleEngineVerticle extends VerticleBase implements LeaderElection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(RuleEngineVerticle.class);

  private final RuleEngineConfig config;
  private final RuleFileLoader loader;

  /** What the engine meters read; held here because meters keep their state object weakly. */
  private final Supplier<RuleEngine> current = this::engine;

  private PrometheusMeterRegistry registry;
  private KafkaAdmin admin;
  private LeaderElection election;
  private HttpServer server;
  private ActiveTerm term;
  private Future<Void> termStarted = Future.succeededFuture();
  private Future<Void> previousTerm = Future.succeededFuture();
  private Instant activeSince;
  private long terms;
  private boolean started;
  private boolean stopping;

  public RuleEngineVerticle(RuleEngineConfig config) {
    this.config = config;
    this.loader = config.loader();
  }

  /** The port HTTP listens on (the actual one when the config asked for 0). */
  public int httpPort() {
    return server == null ? -1 : server.actualPort();
  }

  /**
   * The core while this instance is the active one, null on a standby; for the launcher and tests
   * that inspect state; use only on this verticle's context.
   */
  public RuleEngine engine() {
    ActiveTerm t = term;
    return t == null ? null : t.engine();
  }

  /** Whether this instance is the active one (elected, its term running). */
  public boolean active() {
    ActiveTerm t = term;
    return t != null && t.running();
  }

  private RuleReloader reloader() {
    ActiveTerm t = term;
    return t == null ? null : t.reloader();
  }

  /**
   * Ready once HTTP answers and the election's first round is known; for the instance elected then,
   * once its term runs (so a single instance starts as before: restored and consuming).
   */
  @Override
  public Future<?> start() {
    registry = ServiceMetrics.registry("rule-engine");
    EngineMeters.register(registry, current);
    Gauge.builder("rules.active", this, v -> v.active() ? 1 : 0)
        .description("1 while this instance is the active rule engine, 0 on a standby")
        .register(registry);
    admin = new KafkaAdmin(vertx, config.kafka(), "rule-engine-admin");
    election =
        new LeaderElection(
            vertx,
            config.kafka(),
            config.leaderGroup(),
            config.leaderSessionTimeout(),
            config.instanceId().orElse(null),
            this);
    return ensureTopics()
        .compose(v -> startHttp())
        .compose(v -> election.start())
        .compose(this::firstRole)
        .onSuccess(v -> started = true)
        .recover(e -> stop().transform(ignored -> Future.failedFuture(e)));
  }

  private Future<Void> ensureTopics() {
    List<TopicSpec> topics =
        new ArrayList<>(
            Topics.pipeline(config.kafka().partitions(), config.kafka().replicationFactor()));
    topics.addAll(
        Topics.ruleEngineState(config.kafka().replicationFactor(), config.maxRuleFileBytes()));
    return admin.ensureTopics(topics);
  }

  private Future<Void> firstRole(boolean seated) {
    if (!seated) {
      LOG.info(
          "standby: another instance holds the seat in {}; this one takes over when it goes",
          config.leaderGroup());
      return Future.succeededFuture();
    }
    // A first term that cannot start fails start-up, as a single instance always did; one deposed
    // while starting leaves a standby.
    return termStarted.recover(
        e -> e instanceof ActiveTerm.Ended ? Future.succeededFuture() : Future.failedFuture(e));
  }

  /** Won the seat: a new term claims the writer, restores the checkpoint and runs. */
  @Override
  public void elected() {
    if (stopping || term != null) {
      return;
    }
    ActiveTerm t = new ActiveTerm(vertx, config, loader, registry);
    t.onFenced(() -> fenced(t));
    term = t;
    long began = System.nanoTime();
    LOG.info(
        "elected in {}: claiming transactional id {}, restoring the checkpoint",
        config.leaderGroup(),
        config.transactionalId());
    termStarted =
        previousTerm
            .transform(ignored -> t.start())
            .onSuccess(v -> becameActive(t, began))
            .onFailure(e -> termFailed(t, e));
  }

  private void becameActive(ActiveTerm t, long began) {
    if (term != t) {
      return;
    }
    terms++;
    activeSince = Instant.now();
    LOG.info(
        "active: the rule engine runs here (term {}, ready {} ms after the election)",
        terms,
        (System.nanoTime() - began) / 1_000_000);
  }

  private void termFailed(ActiveTerm t, Throwable e) {
    if (term != t || e instanceof ActiveTerm.Ended) {
      return;
    }
    term = null;
    previousTerm = t.abandon();
    if (started && !stopping) {
      LOG.error("could not take over as the active instance, standing back: {}", e.getMessage());
      election.resign();
    }
  }

  /** Lost the seat: stop emitting at once; a later election starts a new term. */
  @Override
  public void deposed(String reason) {
    ActiveTerm t = term;
    if (t == null) {
      return;
    }
    term = null;
    activeSince = null;
    previousTerm = t.abandon();
    LOG.warn("standby: no longer the active instance ({}); stopped consuming and writing", reason);
  }

  /**
   * Another instance claimed the transactional id while this one thought it held the seat (it lost
   * the seat unnoticed, or an instance outside the election started): stand back and let the
   * election pick again.
   */
  private void fenced(ActiveTerm t) {
    if (term != t) {
      return;
    }
    deposed("the writer was fenced: another instance claimed " + config.transactionalId());
    if (!stopping) {
      election.resign();
    }
  }

  private Future<Void> startHttp() {
    Health health =
        new Health()
            .register("kafka", admin::ping)
            .register("role", this::roleCheck, this::roleDetails);
    Router router = ServiceRouter.create(vertx, health, registry);
    new RulesApi(current, this::reloader, config.maxRuleFileBytes(), config.authTokens())
        .mount(router);
    new QueryApi(current).mount(router);
    return Listener.listen(vertx, router, config.httpPort(), "rule-engine")
        .onSuccess(s -> server = s)
        .mapEmpty();
  }

  /**
   * Ready means active: a Service routes the API only to the instance that holds the rule state. A
   * standby is live but not ready (see DESIGN.md, "Active and standby instances").
   */
  private Future<?> roleCheck() {
    if (active()) {
      return Future.succeededFuture();
    }
    return Future.failedFuture(
        term != null
            ? "starting: elected, restoring the checkpoint"
            : "standby: another instance of "
                + config.leaderGroup()
                + " is active; this one takes over when it goes");
  }

  private JsonObject roleDetails() {
    String role = active() ? "active" : term != null ? "starting" : "standby";
    return new JsonObject()
        .put("role", role)
        .put("group", config.leaderGroup())
        .put("transactionalId", config.transactionalId())
        .put("terms", terms)
        .put("activeSince", activeSince == null ? null : activeSince.toString());
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    ActiveTerm t = term;
    term = null;
    Future<Void> ended = t == null ? previousTerm : t.stop();
    // the final position is written before the seat is given up, so the next active reads it
    return ended
        .transform(ar -> election == null ? Future.succeededFuture() : election.close())
        .transform(ar -> server == null ? Future.succeededFuture() : server.close())
        .transform(ar -> admin == null ? Future.succeededFuture() : closeAdmin())
        .onComplete(
            v -> {
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
          return null;
        });
  }
}
