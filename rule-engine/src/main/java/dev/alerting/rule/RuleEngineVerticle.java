package dev.alerting.rule;

import dev.alerting.model.alert.Alert;
import dev.alerting.platform.http.Health;
import dev.alerting.platform.http.ServerOptions;
import dev.alerting.platform.http.ServiceMetrics;
import dev.alerting.platform.http.ServiceRouter;
import dev.alerting.platform.kafka.KafkaAdmin;
import dev.alerting.platform.kafka.TopicSpec;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.rule.api.RulesApi;
import dev.alerting.rule.checkpoint.AlertCheckpoint;
import dev.alerting.rule.checkpoint.CompactedTopic;
import dev.alerting.rule.checkpoint.SampleReplay;
import dev.alerting.rule.engine.RuleEngine;
import dev.alerting.rule.file.RuleFileException;
import dev.alerting.rule.file.RuleFileLoader;
import dev.alerting.rule.group.RuleGroup;
import dev.alerting.rule.reload.RuleFiles;
import dev.alerting.rule.reload.RuleReloader;
import dev.alerting.rule.reload.RulesTopic;
import dev.alerting.rule.stream.SampleStream;
import dev.alerting.rule.stream.TransactionalWriter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule engine service: consumes samples, evaluates alerting rules in event time and emits alert
 * state changes; serves health, metrics and the Prometheus-shaped rules/alerts API, takes new rules
 * at runtime and checkpoints alert state so a restart remembers it (see DESIGN.md). The core is
 * touched only from this verticle's event loop (poll loop, ticks, reloads, HTTP), so it needs no
 * locks.
 */
public final class RuleEngineVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RuleEngineVerticle.class);

  /** Extra history replayed before the rules' retention window, for samples that arrived late. */
  private static final long REPLAY_SLACK_MS = 60_000;

  private final RuleEngineConfig config;
  private final RuleFileLoader loader;
  private RuleEngine engine;
  private RulesTopic rulesTopic;
  private RuleReloader reloader;
  private StartRules start;
  private AlertCheckpoint checkpoint;
  private AlertCheckpoint.Restored restored;
  private List<Alert> restoredEvents = List.of();
  private PrometheusMeterRegistry registry;
  private KafkaAdmin admin;
  private SampleStream stream;
  private TransactionalWriter writer;
  private HttpServer server;
  private long tickTimer = -1;

  public RuleEngineVerticle(RuleEngineConfig config) {
    this.config = config;
    this.loader = config.loader();
  }

  /** The port HTTP listens on (the actual one when the config asked for 0). */
  public int httpPort() {
    return server == null ? -1 : server.actualPort();
  }

  /**
   * The core, for the launcher and tests that inspect state; use only on this verticle's context.
   */
  public RuleEngine engine() {
    return engine;
  }

  @Override
  public Future<?> start() {
    engine = new RuleEngine(List.of(), config.alertContext(), config.engineOptions());
    registry = ServiceMetrics.registry("rule-engine");
    FunctionCounter.builder("rules.evaluations", this, v -> v.engine.evaluations())
        .description("Rule evaluations run")
        .register(registry);
    Gauge.builder("rules.series", this, v -> v.engine.seriesCount())
        .description("Series held in the retention window (input, recorded and alert series)")
        .register(registry);
    admin = new KafkaAdmin(vertx, config.kafka(), "rule-engine-admin");
    rulesTopic = new RulesTopic(vertx, config.kafka(), config.maxRuleFileBytes());
    return ensureTopics()
        .compose(v -> chooseRules())
        .compose(this::publishStartRules)
        .compose(v -> claimWriter())
        .compose(v -> restoreCheckpoint())
        .compose(v -> startStream())
        .compose(v -> followRules())
        .compose(v -> startHttp())
        .onSuccess(v -> startTimers());
  }

  private Future<Void> ensureTopics() {
    List<TopicSpec> topics =
        new ArrayList<>(
            Topics.pipeline(config.kafka().partitions(), config.kafka().replicationFactor()));
    topics.addAll(
        Topics.ruleEngineState(config.kafka().replicationFactor(), config.maxRuleFileBytes()));
    return admin.ensureTopics(topics);
  }

  /**
   * Start-up precedence: the newest of the rules topic's latest version and {@code RULES_FILE} (by
   * record timestamp against the files' modification time) wins. A newer file is written to the
   * topic so other instances converge on it; with no file, the topic decides; with neither, no
   * rules.
   */
  private Future<StartRules> chooseRules() {
    return vertx.executeBlocking(
        () -> {
          CompactedTopic.Snapshot snap = CompactedTopic.readToEnd(config.kafka(), Topics.RULES);
          long follow = snap.endOffsets().getOrDefault(0, 0L);
          CompactedTopic.Latest latest = snap.latest().get(Topics.RULES_KEY);
          Optional<Path> path = config.rulesPath();
          String stamp = path.map(RuleFiles::stamp).orElse(null);
          long modified = path.map(RuleFiles::modified).orElse(0L);
          if (latest != null
              && latest.value() != null
              && (path.isEmpty() || latest.timestamp() >= modified)) {
            try {
              String source = latest.source() == null ? Topics.RULES : latest.source();
              List<RuleGroup> groups = loader.parse(latest.value(), source);
              LOG.info(
                  "rules from topic {} (offset {}, written from {}), newer than the rule file",
                  Topics.RULES,
                  latest.offset(),
                  source);
              return new StartRules(
                  groups, latest.value(), latest.offset(), follow, stamp, false, source);
            } catch (RuleFileException e) {
              LOG.error(
                  "latest version on topic {} is invalid, using {}: {}",
                  Topics.RULES,
                  RuleEngineConfig.RULES_FILE,
                  e.getMessage());
            }
          }
          if (path.isEmpty()) {
            LOG.info(
                "no rule file configured ({} unset) and none on topic {}: no rules loaded",
                RuleEngineConfig.RULES_FILE,
                Topics.RULES);
            return new StartRules(List.of(), null, -1, follow, null, false, null);
          }
          String text = RuleFiles.read(path.get(), loader);
          boolean publish = latest == null || !text.equals(latest.value());
          long offset = latest == null ? -1 : latest.offset();
          return new StartRules(
              config.groups(), text, offset, follow, stamp, publish, path.get().toString());
        });
  }

  /** The rules chosen at start-up and where the rules topic stands. */
  private record StartRules(
      List<RuleGroup> groups,
      String text,
      long offset,
      long follow,
      String stamp,
      boolean publish,
      String source) {}

  private Future<Void> publishStartRules(StartRules r) {
    engine = new RuleEngine(r.groups(), config.alertContext(), config.engineOptions());
    logRules(r.groups(), r.source());
    Future<Long> offset =
        r.publish() ? rulesTopic.publish(r.text(), r.source()) : Future.succeededFuture(r.offset());
    return offset.map(
        o -> {
          start = new StartRules(r.groups(), r.text(), o, r.follow(), r.stamp(), false, r.source());
          return null;
        });
  }

  private void logRules(List<RuleGroup> groups, String source) {
    int rules = groups.stream().mapToInt(g -> g.rules().size()).sum();
    LOG.info("loaded {} rules in {} groups from {}", rules, groups.size(), source);
    for (RuleGroup g : groups) {
      LOG.info("rule group {} ({}): {} rules", g.name(), g.file(), g.rules().size());
    }
  }

  /**
   * Takes the single-instance lease before reading the checkpoint: the writer's transactional id
   * fences an older instance (its open transaction is aborted, its next write fails and it stops),
   * so the checkpoint read next is final and no one else writes after it.
   */
  private Future<Void> claimWriter() {
    writer = new TransactionalWriter(vertx, config.kafka(), config.transactionalId());
    return writer
        .claim()
        .onSuccess(
            v ->
                LOG.info(
                    "took the rule-engine lease (transactional id {}): an older instance with it"
                        + " is fenced",
                    config.transactionalId()));
  }

  /**
   * Reads the checkpoint topic to its end, refills the series state from the samples the checkpoint
   * already accounts for (those within the longest history a rule reads, e.g. 1h for {@code [1h]}
   * or {@code offset 1h}, before its position, at most {@code RULES_REPLAY_MAX_SAMPLES}), then
   * restores the alerts and the clock. See DESIGN.md for why the refill is needed.
   */
  private Future<Void> restoreCheckpoint() {
    checkpoint = new AlertCheckpoint();
    return vertx
        .executeBlocking(
            () -> {
              CompactedTopic.Snapshot snap =
                  CompactedTopic.readToEnd(config.kafka(), Topics.RULES_STATE);
              AlertCheckpoint.Restored r = checkpoint.restore(snap.values());
              long now = System.currentTimeMillis();
              long from =
                  Math.min(r.clock() == null ? now : r.clock(), now)
                      - engine.retention().toMillis()
                      - REPLAY_SLACK_MS;
              // The engine is warmed on this worker: nothing else touches it before start-up
              // completes (no stream, timers or HTTP yet), and the executeBlocking hand-offs order
              // these writes before the event loop's later reads.
              SampleReplay.Result replayed =
                  SampleReplay.read(
                      config.kafka(),
                      r.offsets(),
                      from,
                      config.replayMaxSamples(),
                      config.replayStallTimeout(),
                      engine::warm);
              return new Restoring(r, replayed);
            })
        .map(
            x -> {
              restored = x.restored();
              restoredEvents = engine.restore(restored.clock(), restored.alerts());
              if (x.replayed().skipped() > 0) {
                LOG.warn(
                    "replay bounded by {}={}: the {} oldest samples of the retention window were"
                        + " not replayed; windows reaching that far back start short",
                    RuleEngineConfig.REPLAY_MAX_SAMPLES,
                    config.replayMaxSamples(),
                    x.replayed().skipped());
              }
              LOG.info(
                  "checkpoint restored: {} alerts, clock {}, sample offsets {}, {} samples replayed, {} unreadable records, {} alerts of rules gone resolve",
                  restored.alerts().size(),
                  restored.clock(),
                  restored.offsets(),
                  x.replayed().read(),
                  restored.unreadable(),
                  restoredEvents.size());
              return null;
            });
  }

  private record Restoring(AlertCheckpoint.Restored restored, SampleReplay.Result replayed) {}

  private Future<Void> startStream() {
    stream =
        new SampleStream(
            vertx,
            config.kafka(),
            engine,
            registry,
            checkpoint,
            restored.offsets(),
            writer,
            config.maxFutureSkew());
    List<Alert> events = restoredEvents;
    return stream.start().compose(v -> stream.apply(() -> events));
  }

  private Future<Void> followRules() {
    reloader =
        new RuleReloader(vertx, loader, engine, stream, rulesTopic, registry, config.rulesPath());
    reloader.baseline(start.text(), start.offset(), start.stamp());
    return rulesTopic.follow(start.follow(), reloader::onTopic);
  }

  private Future<Void> startHttp() {
    Health health =
        new Health()
            .register("kafka", admin::ping)
            .register(
                "lease",
                () ->
                    writer.fenced()
                        ? Future.failedFuture(
                            "fenced: another instance with "
                                + RuleEngineConfig.TRANSACTIONAL_ID
                                + " '"
                                + config.transactionalId()
                                + "' took over")
                        : Future.succeededFuture());
    Router router = ServiceRouter.create(vertx, health, registry);
    new RulesApi(engine, reloader, config.maxRuleFileBytes(), config.authTokens()).mount(router);
    return vertx
        .createHttpServer(ServerOptions.http1())
        .requestHandler(router)
        .listen(config.httpPort())
        .onSuccess(
            s -> {
              server = s;
              LOG.info("rule-engine listening on port {}", s.actualPort());
            })
        .mapEmpty();
  }

  private void startTimers() {
    reloader.watch(config.reloadInterval());
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
    if (reloader != null) {
      reloader.stop();
    }
    Future<Void> drained =
        stream != null ? stream.stop() : writer != null ? writer.close() : Future.succeededFuture();
    return drained
        .compose(v -> rulesTopic == null ? Future.succeededFuture() : rulesTopic.close())
        .compose(v -> server == null ? Future.succeededFuture() : server.close())
        .compose(v -> admin == null ? Future.succeededFuture() : closeAdmin())
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
