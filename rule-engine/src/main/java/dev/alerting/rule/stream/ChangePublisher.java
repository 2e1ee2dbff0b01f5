package dev.alerting.rule.stream;

import dev.alerting.model.alert.Alert;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.rule.checkpoint.AlertCheckpoint;
import dev.alerting.rule.engine.RuleEngine;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Publishes one change of the engine through the {@link TransactionalWriter}: its alert events, its
 * changed and gone alerts on the checkpoint topic and, when due, the new position, in one
 * transaction. Remembers the position last written, so the stream knows when the offsets it
 * processed are covered. Runs on the stream's event loop.
 */
final class ChangePublisher {
  private static final Duration POSITION_MAX_DELAY = Duration.ofSeconds(1);
  private static final Duration LEASE_RENEWAL = Duration.ofSeconds(5);

  private final RuleEngine engine;
  private final AlertCheckpoint checkpoint;
  private final TransactionalWriter writer;
  private final EvaluationTrace trace;
  private final StreamCounters counters;
  private final Runnable fenced;
  private String lastPosition;
  private long positionSentAt = System.nanoTime();

  /** {@code fenced} is run when a write fails because a newer instance took over. */
  ChangePublisher(
      RuleEngine engine,
      AlertCheckpoint checkpoint,
      TransactionalWriter writer,
      EvaluationTrace trace,
      StreamCounters counters,
      Runnable fenced) {
    this.engine = engine;
    this.checkpoint = checkpoint;
    this.writer = writer;
    this.trace = trace;
    this.counters = counters;
    this.fenced = fenced;
  }

  /**
   * Writes a change's events, its changed and gone alerts and (when due) the position in one
   * transaction; succeeds with whether the position on the topic now covers everything processed. A
   * poll that changed no alert may leave the position for later (at most {@link
   * #POSITION_MAX_DELAY}, or the next tick): after a crash its samples are simply read again from
   * the older position, and they cannot re-emit anything, because a change with an event or an
   * alert change always carries the position in its transaction. This saves a transaction on nearly
   * every poll.
   */
  Future<Boolean> publish(List<Alert> events, Map<Integer, Long> nextOffsets, boolean force) {
    return publish(events, nextOffsets, force, EvaluationTrace.Batch.CHANGE);
  }

  /** As {@link #publish(List, Map, boolean)}, traced as caused by {@code traced}. */
  Future<Boolean> publish(
      List<Alert> events,
      Map<Integer, Long> nextOffsets,
      boolean force,
      EvaluationTrace.Batch traced) {
    List<KafkaProducerRecord<String, String>> records = new ArrayList<>();
    Span span = trace.start(traced, events);
    for (Alert a : events) {
      KafkaProducerRecord<String, String> event =
          KafkaProducerRecord.create(Topics.ALERTS, a.fingerprint(), AlertCodec.encode(a));
      EvaluationTrace.inject(span, event);
      records.add(event);
    }
    checkpoint
        .changes(engine)
        .forEach((k, v) -> records.add(KafkaProducerRecord.create(Topics.RULES_STATE, k, v)));
    String position = checkpoint.position(nextOffsets, engine.now());
    long now = System.nanoTime();
    boolean positionDue =
        !position.equals(lastPosition)
                && (force
                    || !records.isEmpty()
                    || now - positionSentAt >= POSITION_MAX_DELAY.toNanos())
            // an idle engine still renews its lease now and then: a newer instance fences it at
            // the next renewal, so it reports not ready within seconds, not at its next change
            || force && now - positionSentAt >= LEASE_RENEWAL.toNanos();
    if (positionDue) {
      records.add(
          KafkaProducerRecord.create(Topics.RULES_STATE, AlertCheckpoint.POSITION, position));
    }
    if (records.isEmpty()) {
      return Future.succeededFuture(position.equals(lastPosition));
    }
    return writer
        .write(records)
        .onComplete(ar -> EvaluationTrace.end(span, ar))
        .onFailure(
            e -> {
              if (TransactionalWriter.isFencing(e)) {
                fenced.run();
              }
            })
        .map(
            v -> {
              events.forEach(counters::emitted);
              if (positionDue) {
                lastPosition = position;
                positionSentAt = now;
              }
              return position.equals(lastPosition);
            });
  }
}
