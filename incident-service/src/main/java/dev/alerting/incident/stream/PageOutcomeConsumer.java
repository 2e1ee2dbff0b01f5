package dev.alerting.incident.stream;

import dev.alerting.incident.IncidentMetrics;
import dev.alerting.incident.store.PagingStore;
import dev.alerting.model.page.PageOutcome;
import dev.alerting.platform.codec.CodecException;
import dev.alerting.platform.codec.PageCodec;
import dev.alerting.platform.kafka.Topics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads delivery outcomes from {@code pages.outcomes} into the incidents' timelines: poll, apply
 * the batch on a worker (each outcome once, by page id), commit, poll again. A database failure
 * leaves the batch uncommitted and rewinds, so no outcome is lost.
 */
public final class PageOutcomeConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(PageOutcomeConsumer.class);
  private static final Duration POLL = Duration.ofMillis(250);

  private final Vertx vertx;
  private final KafkaConsumer<String, String> consumer;
  private final PagingStore store;
  private final IncidentMetrics metrics;
  private final Duration backoff;
  private final Promise<Void> stopped = Promise.promise();
  private volatile boolean stopping;

  public PageOutcomeConsumer(
      Vertx vertx,
      KafkaConsumer<String, String> consumer,
      PagingStore store,
      IncidentMetrics metrics,
      Duration backoff) {
    this.vertx = vertx;
    this.consumer = consumer;
    this.store = store;
    this.metrics = metrics;
    this.backoff = backoff;
  }

  public Future<Void> start() {
    return consumer.subscribe(Topics.PAGE_OUTCOMES).onSuccess(v -> next());
  }

  public Future<Void> stop() {
    stopping = true;
    return stopped.future().eventually(consumer::close);
  }

  private void next() {
    if (stopping) {
      stopped.tryComplete();
      return;
    }
    consumer
        .poll(POLL)
        .compose(this::apply)
        .onSuccess(v -> next())
        .onFailure(
            e -> {
              LOG.warn("page outcome step failed; retrying in {}: {}", backoff, e.getMessage());
              vertx.setTimer(backoff.toMillis(), t -> next());
            });
  }

  private Future<Void> apply(KafkaConsumerRecords<String, String> batch) {
    if (batch.isEmpty()) {
      return Future.succeededFuture();
    }
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    batch.records().forEach(records::add);
    return vertx
        .executeBlocking(() -> applyAll(records))
        .compose(done -> consumer.commit(done).<Void>mapEmpty())
        .recover(e -> rewind(records).compose(v -> Future.failedFuture(e)));
  }

  private Map<TopicPartition, OffsetAndMetadata> applyAll(
      List<ConsumerRecord<String, String>> records) {
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
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
      done.put(
          new TopicPartition(r.topic(), r.partition()),
          new OffsetAndMetadata(r.offset() + 1, null));
    }
    return done;
  }

  /** Back to the first offset of the batch on each partition: applied outcomes are idempotent. */
  private Future<Void> rewind(List<ConsumerRecord<String, String>> records) {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (ConsumerRecord<String, String> r : records) {
      first.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset());
    }
    List<Future<Void>> seeks = new ArrayList<>();
    first.forEach((tp, offset) -> seeks.add(consumer.seek(tp, offset)));
    return Future.all(seeks).mapEmpty();
  }
}
