package dev.alerting.incident.stream;

import dev.alerting.incident.IncidentMetrics;
import dev.alerting.incident.store.PagingStore;
import dev.alerting.model.page.PageOutcome;
import dev.alerting.platform.codec.CodecException;
import dev.alerting.platform.codec.PageCodec;
import dev.alerting.platform.kafka.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads delivery outcomes from {@code pages.outcomes} into the incidents' timelines (each outcome
 * once, by page id). A database failure leaves the batch uncommitted and reads it again, so no
 * outcome is lost.
 */
public final class PageOutcomeConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(PageOutcomeConsumer.class);

  private final PagingStore store;
  private final IncidentMetrics metrics;
  private final PollLoop loop;

  public PageOutcomeConsumer(
      Vertx vertx,
      KafkaConsumer<String, String> consumer,
      PagingStore store,
      IncidentMetrics metrics,
      Duration backoff) {
    this.store = store;
    this.metrics = metrics;
    this.loop = new PollLoop(vertx, consumer, Topics.PAGE_OUTCOMES, backoff, this::applyAll);
  }

  public Future<Void> start() {
    return loop.start();
  }

  public Future<Void> stop() {
    return loop.stop();
  }

  /** Runs on a worker; a store failure throws, and the loop reads the whole batch again. */
  private PollLoop.Applied applyAll(List<ConsumerRecord<String, String>> records) {
    for (ConsumerRecord<String, String> r : records) {
      try {
        PageOutcome o = PageCodec.decodeOutcome(r.value());
        store.recordOutcome(o);
        metrics.pageOutcome(o.result().wire());
      } catch (CodecException e) {
        LOG.warn(
            "skipping undecodable page outcome {}@{}: {}",
            r.partition(),
            r.offset(),
            e.getMessage());
      }
    }
    return PollLoop.Applied.all(records);
  }
}
