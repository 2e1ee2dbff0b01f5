package dev.alerting.notify.stream;

import dev.alerting.model.alert.Alert;
import dev.alerting.notify.dispatch.Dispatcher;
import dev.alerting.platform.codec.Json;
import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.platform.kafka.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage of the notifier: reads the {@code alerts} topic in the {@code notifier} group
 * (instances split its partitions), and for each event writes (1) the alert to the compacted {@code
 * notifier.alerts} view every instance follows, and (2) one record per matching route to {@code
 * notifier.groups}, keyed and partitioned by group id. Offsets on {@code alerts} are committed once
 * those writes are acknowledged, so nothing is lost between the stages.
 */
public final class AlertRouter {
  private static final Logger LOG = LoggerFactory.getLogger(AlertRouter.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

  private final Vertx vertx;
  private final KafkaSettings kafka;
  private final Dispatcher dispatcher;
  private final Counter invalid;
  private final MeterRegistry registry;
  private final Promise<Void> drained = Promise.promise();
  private KafkaConsumer<String, String> consumer;
  private final Rewind rewind = new Rewind();
  private final NotifyTrace trace = new NotifyTrace();
  private KafkaProducer<String, String> producer;
  private int partitions;
  private boolean stopping;
  private final Map<String, Counter> received = new HashMap<>();
  private final DecodedAlerts decoded;

  public AlertRouter(
      Vertx vertx,
      KafkaSettings kafka,
      Dispatcher dispatcher,
      MeterRegistry registry,
      DecodedAlerts decoded) {
    this.decoded = decoded;
    this.vertx = vertx;
    this.kafka = kafka;
    this.dispatcher = dispatcher;
    this.registry = registry;
    this.invalid =
        Counter.builder("notifier.alerts.invalid")
            .description("Records on alerts that did not decode; skipped")
            .register(registry);
  }

  public Future<Void> start() {
    producer = KafkaProducer.create(vertx, kafka.producer("notifier-router"));
    consumer = KafkaConsumer.create(vertx, kafka.consumer(AlertStream.GROUP_ID, "notifier-router"));
    consumer.exceptionHandler(e -> LOG.warn("alert router consumer error: {}", e.getMessage()));
    return TopicPartitions.of(vertx, consumer, Topics.NOTIFIER_GROUPS)
        .compose(
            ps -> {
              partitions = ps.size();
              return consumer.subscribe(Topics.ALERTS);
            })
        .onSuccess(v -> pollLoop());
  }

  private void pollLoop() {
    if (stopping) {
      drained.tryComplete();
      return;
    }
    consumer
        .poll(POLL_TIMEOUT)
        .map(rewind::batch)
        .compose(this::route)
        .onComplete(
            ar -> {
              if (ar.failed() && !stopping) {
                LOG.warn("alert routing failed, re-reading: {}", ar.cause().getMessage());
                vertx.setTimer(1000, t -> rewindAndPoll());
              } else {
                pollLoop();
              }
            });
  }

  /** After a failed write, reads the batch again from the last committed offsets. */
  private void rewindAndPoll() {
    rewind.seekBack(consumer).onComplete(ar -> pollLoop());
  }

  private Future<Void> route(KafkaConsumerRecords<String, String> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture();
    }
    List<ProducerRecord<String, String>> sends = new ArrayList<>();
    List<Span> routed = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> r = records.recordAt(i);
      commit.put(
          new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1, ""));
      Alert alert;
      try {
        alert = decoded.decode(r.value());
      } catch (RuntimeException e) {
        invalid.increment();
        LOG.warn(
            "skipping undecodable alert event at {}@{}: {}",
            r.partition(),
            r.offset(),
            e.getMessage());
        continue;
      }
      received(alert).increment();
      String fp = alert.fingerprint();
      Span span = trace.route(r, alert);
      sends.add(
          new ProducerRecord<>(Topics.NOTIFIER_ALERTS, fp, alert.isFiring() ? r.value() : null));
      for (Dispatcher.Target t : dispatcher.targets(alert.labels())) {
        // the event as read (it decoded, so it is a JSON object) rather than encoded again
        String value = "{\"route\":" + Json.write(t.routeId()) + ",\"alert\":" + r.value() + "}";
        ProducerRecord<String, String> grouped =
            new ProducerRecord<>(
                Topics.NOTIFIER_GROUPS,
                GroupPartition.of(t.groupId(), partitions),
                t.groupId(),
                value);
        NotifyTrace.inject(span, grouped);
        sends.add(grouped);
      }
      if (span.isRecording()) {
        routed.add(span);
      }
    }
    // one worker hop for the poll's writes, not one per record
    return BatchSend.all(vertx, producer.unwrap(), () -> sends)
        .onComplete(ar -> routed.forEach(Span::end))
        .compose(v -> consumer.commit(commit))
        .mapEmpty();
  }

  private Counter received(Alert alert) {
    return received.computeIfAbsent(
        alert.status().wire(),
        status ->
            Counter.builder("notifier.alerts.received")
                .description("Alert events read from the alerts topic")
                .tag("status", status)
                .register(registry));
  }

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
