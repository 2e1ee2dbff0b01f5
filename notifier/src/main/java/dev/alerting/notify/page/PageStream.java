package dev.alerting.notify.page;

import dev.alerting.model.page.PageOutcome;
import dev.alerting.model.page.PageRequest;
import dev.alerting.notify.config.AlertmanagerConfig;
import dev.alerting.notify.dispatch.Flush;
import dev.alerting.notify.receiver.Outcome;
import dev.alerting.notify.receiver.Sender;
import dev.alerting.notify.stream.Rewind;
import dev.alerting.platform.codec.CodecException;
import dev.alerting.platform.codec.PageCodec;
import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.platform.kafka.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the incident service's pages: reads {@code pages}, sends each through the receiver it
 * names with the notifier's {@link Sender} (same integrations, payload and retries as alert
 * notifications), writes the outcome to {@code pages.outcomes}, and commits a batch only once every
 * outcome is on the broker. Runs on the verticle's event loop.
 *
 * <p>Delivery is at least once only where it must be: a crash before the commit reads the batch
 * again, but the ids of delivered pages are remembered (the last {@value #REMEMBERED}) and read
 * back from {@code pages.outcomes} at start, so a page whose outcome was written is not sent again,
 * by a restarted instance or one that took the partition over at start; nor is a page the outbox
 * published twice. A crash between a delivery and its outcome write still repeats that page.
 */
public final class PageStream {
  /** The consumer group of every notifier instance on the pages topic. */
  public static final String GROUP_ID = "notifier-pages";

  private static final Logger LOG = LoggerFactory.getLogger(PageStream.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final long RETRY_MS = 1000;
  private static final int REMEMBERED = 10_000;

  private final Vertx vertx;
  private final KafkaSettings kafka;
  private final Supplier<AlertmanagerConfig> config;
  private final Sender sender;
  private final MeterRegistry registry;
  private final Promise<Void> drained = Promise.promise();
  private final Map<String, Boolean> delivered =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      };
  private KafkaConsumer<String, String> consumer;
  private final Rewind rewind = new Rewind();
  private KafkaProducer<String, String> producer;
  private boolean stopping;

  public PageStream(
      Vertx vertx,
      KafkaSettings kafka,
      Supplier<AlertmanagerConfig> config,
      Sender sender,
      MeterRegistry registry) {
    this.vertx = vertx;
    this.kafka = kafka;
    this.config = config;
    this.sender = sender;
    this.registry = registry;
  }

  /**
   * Reads the pages already delivered back from {@code pages.outcomes} (the last {@value
   * #REMEMBERED} outcomes per partition), then starts consuming {@code pages}.
   */
  public Future<Void> start() {
    return vertx
        .executeBlocking(() -> DeliveredPages.read(kafka, REMEMBERED))
        .compose(
            ids -> {
              ids.forEach(id -> delivered.put(id, Boolean.TRUE));
              LOG.info("{} delivered pages read back from {}", ids.size(), Topics.PAGE_OUTCOMES);
              producer = KafkaProducer.create(vertx, kafka.producer("notifier-page-outcomes"));
              consumer = KafkaConsumer.create(vertx, kafka.consumer(GROUP_ID, "notifier-pages"));
              consumer.exceptionHandler(e -> LOG.warn("page consumer error: {}", e.getMessage()));
              return consumer.subscribe(Topics.PAGES).onSuccess(v -> loop());
            });
  }

  private void loop() {
    if (stopping) {
      drained.tryComplete();
      return;
    }
    consumer
        .poll(POLL)
        .map(rewind::batch)
        .compose(this::deliverAll)
        .compose(v -> consumer.commit())
        .onComplete(
            ar -> {
              if (ar.failed() && !stopping) {
                LOG.warn("page batch failed, re-reading it: {}", ar.cause().getMessage());
                vertx.setTimer(RETRY_MS, t -> rewindAndLoop());
              } else {
                loop();
              }
            });
  }

  /** After a failure the uncommitted batch is read again from the committed offsets. */
  private void rewindAndLoop() {
    rewind.seekBack(consumer).onComplete(ar -> loop());
  }

  private Future<Void> deliverAll(KafkaConsumerRecords<String, String> records) {
    List<Future<Void>> all = new ArrayList<>();
    // pages of one batch are sent concurrently, so a page published twice into the same batch is
    // caught here rather than by the delivered-ids memory, which is filled as outcomes land
    java.util.Set<String> inBatch = new java.util.HashSet<>();
    for (int i = 0; i < records.size(); i++) {
      all.add(deliver(records.recordAt(i), inBatch));
    }
    return Future.all(all).mapEmpty();
  }

  private Future<Void> deliver(
      KafkaConsumerRecord<String, String> r, java.util.Set<String> inBatch) {
    PageRequest page;
    try {
      page = PageCodec.decodeRequest(r.value());
    } catch (CodecException e) {
      count("invalid");
      LOG.warn("skipping undecodable page at {}@{}: {}", r.partition(), r.offset(), e.getMessage());
      return Future.succeededFuture();
    }
    if (delivered.containsKey(page.pageId()) || !inBatch.add(page.pageId())) {
      count("duplicate");
      return Future.succeededFuture();
    }
    Optional<Flush> flush = PageFlush.of(page, config.get().receivers());
    Future<PageOutcome> outcome =
        flush.isEmpty()
            ? Future.succeededFuture(
                failed(page, "no receiver named '" + page.receiver() + "' in the notifier config"))
            : sender.deliver(flush.get()).map(outcomes -> outcome(page, outcomes));
    return outcome.compose(o -> report(page, o));
  }

  private Future<Void> report(PageRequest page, PageOutcome o) {
    count(o.result().wire());
    LOG.info(
        "page {} ({}) to {} via {}: {}",
        page.pageId(),
        page.kind().wire(),
        page.user().isEmpty() ? "-" : page.user(),
        page.receiver(),
        o.result().wire());
    return producer
        .send(
            KafkaProducerRecord.create(
                Topics.PAGE_OUTCOMES, PageCodec.key(page.incidentId()), PageCodec.encode(o)))
        .onSuccess(m -> delivered.put(page.pageId(), Boolean.TRUE))
        .mapEmpty();
  }

  /** Delivered when every integration delivered; otherwise failed, with the first failure. */
  private static PageOutcome outcome(PageRequest page, List<Outcome> outcomes) {
    for (Outcome o : outcomes) {
      if (o.kind() != Outcome.Kind.DELIVERED) {
        return failed(page, o.detail());
      }
    }
    return new PageOutcome(
        page.pageId(),
        page.incidentId(),
        PageOutcome.Result.DELIVERED,
        outcomes.isEmpty() ? "no integration of the receiver sends resolved notifications" : "",
        Instant.now());
  }

  private static PageOutcome failed(PageRequest page, String detail) {
    return new PageOutcome(
        page.pageId(), page.incidentId(), PageOutcome.Result.FAILED, detail, Instant.now());
  }

  private void count(String result) {
    Counter.builder("notifier.pages")
        .description("Pages read from the pages topic, by result")
        .tag("result", result)
        .register(registry)
        .increment();
  }

  /** Stops polling, lets the batch in progress finish (up to ten seconds), then closes. */
  public Future<Void> stop() {
    stopping = true;
    if (consumer == null) {
      return Future.succeededFuture();
    }
    return drained
        .future()
        .timeout(10, TimeUnit.SECONDS)
        .recover(e -> Future.succeededFuture())
        .compose(v -> consumer.close())
        .compose(v -> producer.close())
        .recover(e -> Future.succeededFuture());
  }
}
