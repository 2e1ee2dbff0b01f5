package dev.alerting.rule;

import dev.alerting.model.alert.Alert;
import dev.alerting.platform.kafka.Topics;
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
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One term of this instance as the active rule engine, from its election to its end: it claims the
 * writer (fencing any older holder of the transactional id), picks the rules, restores the
 * checkpoint and refills the series windows, then runs the sample stream, the ticks and rule
 * reloads. A term never restarts: the next election builds a new one, and a new core, from the
 * checkpoint. {@link #abandon} ends it at once without writing (election lost, writer fenced);
 * {@link #stop} drains it and writes its final position (shutdown). Runs on the verticle's context.
 */
final class ActiveTerm {
  private static final Logger LOG = LoggerFactory.getLogger(ActiveTerm.class);

  /** Extra history replayed before the rules' retention window, for samples that arrived late. */
  private static final long REPLAY_SLACK_MS = 60_000;

  private final Vertx vertx;
  private final RuleEngineConfig config;
  private final RuleFileLoader loader;
  private final MeterRegistry registry;
  private final TransactionalWriter writer;
  private final RulesTopic rulesTopic;
  private RuleEngine engine;
  private StartRules start;
  private AlertCheckpoint checkpoint;
  private AlertCheckpoint.Restored restored;
  private List<Alert> restoredEvents = List.of();
  private SampleStream stream;
  private RuleReloader reloader;
  private long tickTimer = -1;
  private boolean running;
  private boolean ended;
  private Future<Void> closed = Future.succeededFuture();

  /** The term ended (deposed, fenced or stopped) before it ran; {@link #start} fails with it. */
  static final class Ended extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Ended(Throwable cause) {
      super("the term ended before it ran", cause);
    }
  }

  ActiveTerm(Vertx vertx, RuleEngineConfig config, RuleFileLoader loader, MeterRegistry registry) {
    this.vertx = vertx;
    this.config = config;
    this.loader = loader;
    this.registry = registry;
    this.writer =
        new TransactionalWriter(vertx, config.kafka(), config.transactionalId(), registry);
    this.rulesTopic = new RulesTopic(vertx, config.kafka(), config.maxRuleFileBytes());
  }

  /** Called once, on this context, if a newer instance fences this term's writer. */
  void onFenced(Runnable handler) {
    writer.onFenced(handler);
  }

  /** Completes when the term runs: writer claimed, checkpoint restored, stream started. */
  Future<Void> start() {
    return claimWriter()
        .compose(v -> live(this::chooseRules))
        .compose(r -> live(() -> publishStartRules(r)))
        .compose(v -> live(this::restoreCheckpoint))
        .compose(v -> live(this::startStream))
        .compose(v -> live(this::followRules))
        .compose(v -> live(this::startTimers))
        .recover(e -> Future.failedFuture(ended ? new Ended(e) : e));
  }

  /** The core, once the term runs (null before and after). */
  RuleEngine engine() {
    return running ? engine : null;
  }

  /** The rule reloader, once the term runs (null before and after). */
  RuleReloader reloader() {
    return running ? reloader : null;
  }

  boolean running() {
    return running;
  }

  /** Runs {@code step} unless the term ended meanwhile (a start outrun by its deposition). */
  private <T> Future<T> live(Supplier<Future<T>> step) {
    return ended ? Future.failedFuture(new Ended(null)) : step.get();
  }

  /**
   * Takes the lease before reading the checkpoint: the writer's transactional id fences an older
   * holder (its open transaction is aborted, its next write fails and its term ends), so the
   * checkpoint read next is final and no one else writes after it.
   */
  private Future<Void> claimWriter() {
    return writer
        .claim()
        .onSuccess(
            v ->
                LOG.info(
                    "took the rule-engine lease (transactional id {}): an older holder is fenced",
                    config.transactionalId()));
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
          StartRules topic = latest == null ? null : fromTopic(latest, follow, stamp);
          if (topic != null && (path.isEmpty() || latest.timestamp() >= modified)) {
            LOG.info(
                "rules from topic {} (offset {}, written from {}), newer than the rule file",
                Topics.RULES,
                latest.offset(),
                topic.source());
            return topic;
          }
          if (path.isEmpty()) {
            LOG.info(
                "no rule file configured ({} unset) and none on topic {}: no rules loaded",
                RuleEngineConfig.RULES_FILE,
                Topics.RULES);
            return new StartRules(List.of(), null, -1, follow, null, false, null);
          }
          String text = RuleFiles.read(path.get(), loader);
          long offset = latest == null ? -1 : latest.offset();
          try {
            // read again: it may have changed since start-up, while this instance stood by
            List<RuleGroup> groups = loader.parse(text, path.get().toString());
            boolean publish = latest == null || !text.equals(latest.value());
            return new StartRules(
                groups, text, offset, follow, stamp, publish, path.get().toString());
          } catch (RuleFileException e) {
            if (topic == null) {
              throw e;
            }
            LOG.error(
                "{} {} is invalid, using the rules on topic {}: {}",
                RuleEngineConfig.RULES_FILE,
                path.get(),
                Topics.RULES,
                e.getMessage());
            return topic;
          }
        });
  }

  /** The topic's latest version, or null when it is invalid (logged). */
  private StartRules fromTopic(CompactedTopic.Latest latest, long follow, String stamp) {
    if (latest.value() == null) {
      return null;
    }
    String source = latest.source() == null ? Topics.RULES : latest.source();
    try {
      List<RuleGroup> groups = loader.parse(latest.value(), source);
      return new StartRules(groups, latest.value(), latest.offset(), follow, stamp, false, source);
    } catch (RuleFileException e) {
      LOG.error(
          "latest version on topic {} is invalid, using {}: {}",
          Topics.RULES,
          RuleEngineConfig.RULES_FILE,
          e.getMessage());
      return null;
    }
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

  private static void logRules(List<RuleGroup> groups, String source) {
    int rules = groups.stream().mapToInt(g -> g.rules().size()).sum();
    LOG.info("loaded {} rules in {} groups from {}", rules, groups.size(), source);
    for (RuleGroup g : groups) {
      LOG.info("rule group {} ({}): {} rules", g.name(), g.file(), g.rules().size());
    }
  }

  /**
   * Reads the checkpoint topic to its end, refills the series state from the samples the checkpoint
   * already accounts for (those within the longest history a rule reads, e.g. 1h for {@code [1h]}
   * or {@code offset 1h}, before its position, at most {@code RULES_REPLAY_MAX_SAMPLES}), then
   * restores the alerts and the clock. See DESIGN.md for why the refill is needed.
   */
  private Future<Void> restoreCheckpoint() {
    checkpoint = new AlertCheckpoint();
    RuleEngine core = engine;
    return vertx
        .executeBlocking(
            () -> {
              CompactedTopic.Snapshot snap =
                  CompactedTopic.readToEnd(config.kafka(), Topics.RULES_STATE);
              AlertCheckpoint.Restored r = checkpoint.restore(snap.values());
              long now = System.currentTimeMillis();
              long from =
                  Math.min(r.clock() == null ? now : r.clock(), now)
                      - core.retention().toMillis()
                      - REPLAY_SLACK_MS;
              // The core is warmed on this worker: nothing else touches it before the term runs
              // (no stream, timers or API yet), and the executeBlocking hand-offs order these
              // writes before the event loop's later reads.
              SampleReplay.Result replayed =
                  SampleReplay.read(
                      config.kafka(),
                      r.offsets(),
                      from,
                      config.replayMaxSamples(),
                      config.replayStallTimeout(),
                      core::warm);
              return new Restoring(r, replayed);
            })
        .map(
            x -> {
              restored = x.restored();
              restoredEvents = core.restore(restored.clock(), restored.alerts());
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

  private Future<Void> startTimers() {
    reloader.watch(config.reloadInterval());
    tickTimer =
        vertx.setPeriodic(
            config.tickInterval().toMillis(),
            id ->
                stream
                    .tick(Instant.now())
                    .onFailure(e -> LOG.warn("tick events not published: {}", e.getMessage())));
    running = true;
    return Future.succeededFuture();
  }

  /**
   * Ends the term at once: no transaction starts any more, the stream stops without writing a final
   * position, the clients close. Safe at any point of {@link #start}. What was processed since the
   * last position is read again by the next active instance.
   */
  Future<Void> abandon() {
    if (ended) {
      return closed;
    }
    end();
    Future<Void> writerClosed = writer.close();
    Future<Void> streamClosed = stream == null ? Future.succeededFuture() : stream.abandon();
    closed =
        Future.join(writerClosed, streamClosed)
            .transform(ar -> rulesTopic.close())
            .recover(e -> Future.succeededFuture());
    return closed;
  }

  /** Ends the term on shutdown: the batch in flight finishes and the final position is written. */
  Future<Void> stop() {
    if (ended) {
      return closed;
    }
    end();
    Future<Void> drained = stream != null ? stream.stop() : writer.close();
    closed = drained.transform(ar -> rulesTopic.close()).recover(e -> Future.succeededFuture());
    return closed;
  }

  private void end() {
    ended = true;
    running = false;
    if (tickTimer >= 0) {
      vertx.cancelTimer(tickTimer);
    }
    if (reloader != null) {
      reloader.stop();
    }
  }
}
