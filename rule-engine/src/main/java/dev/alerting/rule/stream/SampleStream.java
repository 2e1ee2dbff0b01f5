package dev.alerting.rule.stream;

import dev.alerting.model.alert.Alert;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.SampleDecoder;
import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.rule.checkpoint.AlertCheckpoint;
import dev.alerting.rule.engine.RuleEngine;
import dev.alerting.rule.engine.SeriesLimitChange;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves samples from {@code metrics.samples} into the {@link RuleEngine} and its alert events to
 * {@code alerts}. One change of the engine is processed at a time (a poll, a clock tick, a rule
 * reload): apply it, send the events, write the changed alert state and the new position to the
 * checkpoint topic, and only then commit the poll's offsets, so a crash re-reads rather than loses.
 * Records below the restored checkpoint position are skipped: their effect is in the checkpoint and
 * their samples were replayed into the series state. All calls run on the owning verticle's event
 * loop.
 */
public final class SampleStream {
  /** The consumer group of every rule-engine instance. */
  public static final String GROUP_ID = "rule-engine";

  private static final Logger LOG = LoggerFactory.getLogger(SampleStream.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final long RETRY_DELAY_MS = 1000;

  private final Vertx vertx;
  private final KafkaSettings kafka;
  private final RuleEngine engine;
  private final StreamCounters counters;
  private final EvaluationMetrics evaluation;
  private final int maxPollRecords;
  private final TransactionalWriter writer;
  private final Duration maxFutureSkew;
  private KafkaConsumer<String, ByteBuffer> consumer;
  private final SampleDecoder decoder = new SampleDecoder();
  private boolean stopping;
  private boolean halted;
  private Future<Void> closed;
  private boolean backlog;
  private final Promise<Void> drained = Promise.promise();
  private final AlertCheckpoint checkpoint;
  private final Map<Integer, Long> skipBelow;
  private final SerialChanges changes = new SerialChanges();
  private final EvaluationTrace trace = new EvaluationTrace();
  private final ChangePublisher publisher;

  /** Offsets processed but not committed yet: committed only once a position covering them is. */
  private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();

  /**
   * {@code checkpoint} is the restored checkpoint (or a fresh one) and {@code skipBelow} its
   * position: per partition, the offset below which records are already accounted for.
   */
  public SampleStream(
      Vertx vertx,
      KafkaSettings kafka,
      RuleEngine engine,
      MeterRegistry registry,
      AlertCheckpoint checkpoint,
      Map<Integer, Long> skipBelow,
      TransactionalWriter writer,
      Duration maxFutureSkew) {
    this.vertx = vertx;
    this.writer = writer;
    this.maxFutureSkew = maxFutureSkew;
    this.kafka = kafka;
    this.engine = engine;
    this.checkpoint = checkpoint;
    this.skipBelow = new HashMap<>(skipBelow);
    this.counters = new StreamCounters(registry);
    this.evaluation = new EvaluationMetrics(registry);
    this.publisher = new ChangePublisher(engine, checkpoint, writer, trace, counters, this::fenced);
    this.maxPollRecords =
        Integer.parseInt(kafka.consumer(GROUP_ID, "probe").get("max.poll.records"));
  }

  /** Logs each rule that starts or stops exceeding its series limit, once per change. */
  private void logSeriesLimitChanges() {
    for (SeriesLimitChange c : engine.takeSeriesLimitChanges()) {
      if (c.exceeded()) {
        LOG.warn(
            "rule {} of group {} refused: {}; its alerts are kept and nothing is recorded until it"
                + " is back within the limit",
            c.rule(),
            c.group(),
            c.message());
      } else {
        LOG.info("rule {} of group {} evaluates again: {}", c.rule(), c.group(), c.message());
      }
    }
  }

  /**
   * Assigns every partition of {@code metrics.samples} to this instance (no consumer group: one
   * active instance, fenced by {@link TransactionalWriter}), so a restart after a crash waits for
   * no group rebalance; seeks each partition to the checkpointed position, and starts polling.
   */
  public Future<Void> start() {
    Map<String, String> config = kafka.consumer(GROUP_ID, "rule-engine");
    // Offsets are committed for lag monitoring only (the checkpoint position is authoritative);
    // an assigned consumer commits as a simple classic group, without membership.
    config.remove("group.instance.id");
    config.put("group.protocol", "classic");
    // The decoder reads the record's bytes in place: no copy of every record into a byte[].
    config.put("value.deserializer", ByteBufferDeserializer.class.getName());
    consumer = KafkaConsumer.create(vertx, config);
    consumer.exceptionHandler(e -> LOG.warn("sample consumer error: {}", e.getMessage()));
    return consumer
        .partitionsFor(Topics.SAMPLES)
        .compose(
            parts -> {
              Set<TopicPartition> all = new HashSet<>();
              parts.forEach(p -> all.add(new TopicPartition(Topics.SAMPLES, p.getPartition())));
              return consumer.assign(all).map(all);
            })
        .compose(this::seekToPosition)
        .onSuccess(v -> pollLoop());
  }

  private Future<Void> seekToPosition(Set<TopicPartition> assigned) {
    List<Future<Void>> seeks = new ArrayList<>();
    for (TopicPartition tp : assigned) {
      Long from = skipBelow.get(tp.getPartition());
      if (from != null) {
        seeks.add(consumer.seek(tp, from));
      }
    }
    return Future.all(seeks).mapEmpty();
  }

  private void pollLoop() {
    if (stopping) {
      drained.tryComplete();
      return;
    }
    consumer
        .poll(POLL_TIMEOUT)
        .compose(records -> exclusive(() -> process(records)))
        .onComplete(
            ar -> {
              if (ar.failed() && TransactionalWriter.isFencing(ar.cause())) {
                fenced();
              } else if (ar.failed() && !stopping) {
                LOG.warn("sample batch failed, retrying: {}", ar.cause().getMessage());
                vertx.setTimer(RETRY_DELAY_MS, t -> pollLoop());
              } else {
                pollLoop();
              }
            });
  }

  private Future<Void> process(KafkaConsumerRecords<String, ByteBuffer> records) {
    // A full poll means we are behind: wall-clock ticks would then jump ahead of the samples'
    // event time and expire their series, so ticks wait until the backlog is read.
    backlog = records.size() >= maxPollRecords;
    if (records.isEmpty()) {
      return Future.succeededFuture();
    }
    PolledSamples polled = new PolledSamples(records, skipBelow, decoder, maxFutureSkew, counters);
    counters.consumed(polled.samples.size());
    uncommitted.putAll(polled.offsets);
    EvaluationTrace.Batch traced = trace.batch(records);
    ToLongFunction<Sample> latestClock = polled.latestClock();
    List<Alert> events = evaluation.samples(() -> engine.accept(polled.samples, latestClock));
    return publisher.publish(events, polled.next, false, traced).compose(this::commitIfCovered);
  }

  /**
   * Runs one change of the engine after the previous one has finished (events sent, checkpoint
   * written), so a checkpoint never holds state whose events are not yet acknowledged.
   */
  private Future<Void> exclusive(java.util.function.Supplier<Future<Void>> change) {
    // A failed change leaves its offsets uncommitted: its samples are read again after a restart.
    return changes.run(change, this::logSeriesLimitChanges);
  }

  /**
   * Applies a change to the engine outside the sample flow (a rule reload, restored resolutions)
   * and publishes its events and checkpoint, in turn with polls and ticks.
   */
  public Future<Void> apply(java.util.function.Supplier<List<Alert>> change) {
    return exclusive(() -> output(change.get(), Map.of(), true).compose(this::commitIfCovered));
  }

  private Future<Boolean> output(
      List<Alert> events, Map<Integer, Long> nextOffsets, boolean force) {
    return publisher.publish(events, nextOffsets, force);
  }

  /** Commits the processed offsets once a written position covers them (never ahead of it). */
  private Future<Void> commitIfCovered(boolean covered) {
    if (!covered || uncommitted.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(uncommitted);
    uncommitted.clear();
    return commit(offsets);
  }

  private Future<Void> commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    return consumer
        .commit(offsets)
        .<Void>mapEmpty()
        // A failed commit (e.g. during a rebalance) only means these samples may be read again.
        .recover(
            e -> {
              LOG.warn("offset commit failed, samples may be re-read: {}", e.getMessage());
              return Future.succeededFuture();
            });
  }

  /** Advances the engine to {@code now} and publishes what expired; skipped while catching up. */
  public Future<Void> tick(Instant now) {
    if (stopping || backlog || changes.busy()) {
      return Future.succeededFuture();
    }
    return exclusive(
        () ->
            output(evaluation.tick(() -> engine.advanceTo(now)), Map.of(), true)
                .compose(this::commitIfCovered));
  }

  /** A newer instance took over: stop consuming (the term ends, see DESIGN.md). */
  private void fenced() {
    if (consumer != null && !halted) {
      LOG.error("stopped consuming: fenced by a newer instance");
    }
    halt();
  }

  /**
   * Ends this stream at once, writing nothing more (not even a final position): this instance lost
   * the election or was fenced. What it processed since its last position is read again by the next
   * active instance from the checkpoint.
   */
  public Future<Void> abandon() {
    return halt();
  }

  private Future<Void> halt() {
    stopping = true;
    drained.tryComplete();
    if (consumer == null) {
      return Future.succeededFuture();
    }
    if (!halted) {
      halted = true;
      closed = consumer.close().recover(e -> Future.succeededFuture());
    }
    return closed;
  }

  /** Stops polling, lets the batch in flight finish (and commit), then closes the clients. */
  public Future<Void> stop() {
    stopping = true;
    if (consumer == null) {
      return Future.succeededFuture();
    }
    if (halted) {
      return closed.compose(v -> writer.close());
    }
    return drained
        .future()
        .compose(v -> changes.drained())
        // what was processed since the last position: write it and commit, so a restart resumes
        // here
        .compose(
            v ->
                writer.fenced() ? Future.succeededFuture(false) : output(List.of(), Map.of(), true))
        .compose(this::commitIfCovered)
        .timeout(10, java.util.concurrent.TimeUnit.SECONDS)
        .recover(e -> Future.succeededFuture())
        .compose(v -> consumer.close())
        .recover(e -> Future.succeededFuture())
        .compose(v -> writer.close());
  }
}
