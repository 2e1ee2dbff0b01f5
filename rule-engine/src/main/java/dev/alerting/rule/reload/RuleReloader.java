package dev.alerting.rule.reload;

import dev.alerting.rule.engine.Reload;
import dev.alerting.rule.engine.RuleEngine;
import dev.alerting.rule.file.RuleFileException;
import dev.alerting.rule.file.RuleFileLoader;
import dev.alerting.rule.group.RuleGroup;
import dev.alerting.rule.stream.SampleStream;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rules as live configuration. A new rule file (from the API or a change on disk) is validated
 * whole, written to the {@code rules} topic and, once acknowledged, applied here; versions other
 * instances write arrive through the topic and are applied too, so all converge on the latest.
 * Applying goes through {@link SampleStream#apply}, in turn with sample batches. Runs on the
 * verticle's event loop; file IO on workers.
 */
public final class RuleReloader {
  /** Where a version came from, as the {@code source} tag of the reload counters. */
  public enum Source {
    API,
    FILE,
    TOPIC;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(RuleReloader.class);

  private final Vertx vertx;
  private final RuleFileLoader loader;
  private final RuleEngine engine;
  private final SampleStream stream;
  private final RulesTopic topic;
  private final MeterRegistry registry;
  private final Optional<Path> rulesPath;
  private String currentText;
  private long appliedOffset = -1;

  /**
   * The last few reloads by topic offset, for a writer whose version the follower applied first.
   */
  private final Map<Long, Future<Reload>> recent =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Future<Reload>> eldest) {
          return size() > 16;
        }
      };

  private String fileStamp;
  private boolean checking;
  private long timer = -1;

  public RuleReloader(
      Vertx vertx,
      RuleFileLoader loader,
      RuleEngine engine,
      SampleStream stream,
      RulesTopic topic,
      MeterRegistry registry,
      Optional<Path> rulesPath) {
    this.vertx = vertx;
    this.loader = loader;
    this.engine = engine;
    this.stream = stream;
    this.topic = topic;
    this.registry = registry;
    this.rulesPath = rulesPath;
    for (Source s : Source.values()) {
      reloads(s);
      failures(s);
    }
  }

  /** What the engine runs at start: its text (null if unknown), topic offset and the file stamp. */
  public void baseline(String text, long offset, String stamp) {
    this.currentText = text;
    this.appliedOffset = offset;
    this.fileStamp = stamp;
  }

  /**
   * Validates {@code text}, writes it to the topic and applies it. Fails with a {@link
   * RuleFileException} listing every problem when the file is invalid; the old rules stay.
   */
  public Future<Reload> put(String text) {
    List<RuleGroup> groups;
    try {
      groups = loader.parse(text, "api");
    } catch (RuleFileException e) {
      failures(Source.API).increment();
      LOG.warn("rule file from the API rejected: {}", e.getMessage());
      return Future.failedFuture(e);
    }
    return topic.publish(text, "api").compose(offset -> apply(groups, text, offset, Source.API));
  }

  /** A version read from the topic: applied unless this instance already runs it or a later one. */
  public void onTopic(RulesTopic.Version v) {
    if (v.offset() <= appliedOffset) {
      return;
    }
    try {
      List<RuleGroup> groups = loader.parse(v.text(), v.source());
      apply(groups, v.text(), v.offset(), Source.TOPIC);
    } catch (RuleFileException e) {
      // Every writer validates first, so this is a version from an incompatible writer.
      appliedOffset = v.offset();
      failures(Source.TOPIC).increment();
      LOG.error(
          "rules topic version at offset {} is invalid, keeping the current rules: {}",
          v.offset(),
          e.getMessage());
    }
  }

  /** Starts polling the rule file or folder for changes every {@code interval}. */
  public void watch(Duration interval) {
    if (rulesPath.isPresent()) {
      timer = vertx.setPeriodic(interval.toMillis(), id -> checkFile());
    }
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void checkFile() {
    if (checking) {
      return;
    }
    checking = true;
    Path path = rulesPath.get();
    vertx
        .executeBlocking(() -> RuleFiles.stamp(path))
        .compose(
            stamp -> stamp.equals(fileStamp) ? Future.succeededFuture() : fileChanged(path, stamp))
        .onFailure(
            e -> {
              failures(Source.FILE).increment();
              LOG.error(
                  "rule file {} changed but is invalid, keeping the current rules: {}",
                  path,
                  e.getMessage());
            })
        .onComplete(ar -> checking = false);
  }

  private Future<Void> fileChanged(Path path, String stamp) {
    // Remember the stamp even if the file is bad: it is reported once, not on every poll.
    fileStamp = stamp;
    return vertx
        .executeBlocking(() -> RuleFiles.read(path, loader))
        .compose(
            text -> {
              if (text.equals(currentText)) {
                return Future.succeededFuture();
              }
              List<RuleGroup> groups = loader.parse(text, path.toString());
              return topic
                  .publish(text, path.toString())
                  .compose(offset -> apply(groups, text, offset, Source.FILE))
                  .mapEmpty();
            });
  }

  private Future<Reload> apply(List<RuleGroup> groups, String text, long offset, Source source) {
    if (offset <= appliedOffset) {
      // The topic follower got to this version first (it can read the record before the write's
      // acknowledgement arrives): answer with what that reload did.
      return recent.getOrDefault(offset, Future.succeededFuture(new Reload(0, 0, 0, List.of())));
    }
    appliedOffset = offset;
    currentText = text;
    Reload[] result = new Reload[1];
    Future<Reload> applied =
        stream
            .apply(
                () -> {
                  result[0] = engine.reload(groups);
                  return result[0].events();
                })
            .map(
                v -> {
                  Reload r = result[0];
                  reloads(source).increment();
                  LOG.info(
                      "rules reloaded from {} (topic offset {}): {} kept their state, {} new or changed, {} removed, {} alerts resolved",
                      source.tag(),
                      offset,
                      r.kept(),
                      r.added(),
                      r.removed(),
                      r.events().size());
                  return r;
                });
    recent.put(offset, applied);
    return applied;
  }

  private Counter reloads(Source s) {
    return Counter.builder("rules.reloads")
        .description("Rule files applied at runtime")
        .tag("source", s.tag())
        .register(registry);
  }

  private Counter failures(Source s) {
    return Counter.builder("rules.reload.failures")
        .description("Rule files rejected at runtime; the previous rules stayed active")
        .tag("source", s.tag())
        .register(registry);
  }
}
