package dev.alerting.notify.stream;

import dev.alerting.model.Labels;
import dev.alerting.notify.silence.Silence;
import dev.alerting.notify.silence.SilenceCodec;
import dev.alerting.notify.silence.Silences;
import dev.alerting.notify.silence.UntilResolved;
import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.platform.kafka.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link Silences} equal to the compacted {@code silences} topic: every instance follows the
 * whole topic, so a silence set through any instance mutes on all of them and survives restarts. A
 * change is answered only once the broker has it, and applied locally at once so the client reads
 * its own write. Expired silences past the retention are deleted with a tombstone.
 */
public final class SilenceTopic {
  private static final Logger LOG = LoggerFactory.getLogger(SilenceTopic.class);
  private static final long GC_EVERY_MS = 60_000;
  private static final long SWEEP_EVERY_MS = 1000;

  private final Vertx vertx;
  private final KafkaSettings kafka;
  private final Silences silences;
  private final Duration retention;
  private final CompactedFeed feed;
  private KafkaProducer<String, String> producer;
  private long gcTimer = -1;
  private long sweepTimer = -1;

  public SilenceTopic(Vertx vertx, KafkaSettings kafka, Silences silences, Duration retention) {
    this.vertx = vertx;
    this.kafka = kafka;
    this.silences = silences;
    this.retention = retention;
    this.feed = new CompactedFeed(vertx, kafka, Topics.SILENCES, this::onRecord);
  }

  private void onRecord(String id, String value) {
    if (value == null) {
      silences.remove(id);
    } else {
      silences.apply(SilenceCodec.decode(value));
    }
  }

  /** Completes once every silence already on the topic is loaded. */
  public Future<Void> start() {
    producer = KafkaProducer.create(vertx, kafka.producer("notifier-silences"));
    return feed.start("notifier-silences-reader")
        .onSuccess(
            v -> {
              LOG.info("loaded {} silences from {}", silences.size(), Topics.SILENCES);
              gcTimer = vertx.setPeriodic(GC_EVERY_MS, t -> collectGarbage());
            });
  }

  /** Writes the silences of a change; applies them locally once the broker acknowledged them. */
  public Future<Void> write(List<Silence> writes) {
    Instant now = Instant.now();
    List<Future<?>> sends = new java.util.ArrayList<>();
    for (Silence s : writes) {
      sends.add(
          producer.send(
              KafkaProducerRecord.create(
                  Topics.SILENCES, s.id(), SilenceCodec.toJson(s, now).toString())));
    }
    return Future.all(sends)
        .map(v -> writes)
        .onSuccess(ws -> ws.forEach(silences::apply))
        .mapEmpty();
  }

  /**
   * Expires, every second, the until-resolved silences whose alerts all resolved. Every instance
   * does it from the same alert view; concurrent expiries of one silence are the same change.
   */
  public void expireResolved(
      UntilResolved untilResolved, Supplier<? extends Collection<Labels>> firing) {
    sweepTimer =
        vertx.setPeriodic(
            SWEEP_EVERY_MS,
            t -> {
              Instant now = Instant.now();
              for (String id : untilResolved.due(firing, now)) {
                Silences.Change change;
                try {
                  change = silences.expire(id, now);
                } catch (dev.alerting.notify.silence.SilenceException e) {
                  continue; // deleted meanwhile
                }
                write(change.writes())
                    .onSuccess(v -> LOG.info("silence {} expired: its alerts resolved", id))
                    .onFailure(e -> LOG.warn("silence {} not expired yet: {}", id, e.getMessage()));
              }
            });
  }

  private void collectGarbage() {
    for (String id : silences.garbage(Instant.now(), retention)) {
      producer
          .send(KafkaProducerRecord.create(Topics.SILENCES, id, null))
          .onSuccess(m -> silences.remove(id));
    }
  }

  public Future<Void> stop() {
    if (gcTimer >= 0) {
      vertx.cancelTimer(gcTimer);
    }
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
    Future<Void> closed = producer == null ? Future.succeededFuture() : producer.close();
    return closed.compose(v -> feed.stop());
  }
}
