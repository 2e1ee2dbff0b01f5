package dev.alerting.notify.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.model.alert.Alert;
import dev.alerting.notify.dispatch.Dispatcher;
import dev.alerting.notify.receiver.Sender;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.codec.CodecException;
import dev.alerting.platform.codec.Json;
import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.platform.kafka.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves alert events from the {@code alerts} topic into the {@link Dispatcher} and commits a
 * record's offset only once every group it went to has settled it (notified or failed for good);
 * the flushes, their sending and settling are {@link GroupFlushes}'. Runs on the verticle's event
 * loop only.
 */
public final class AlertStream {
  /** The consumer group of every notifier instance on {@code alerts} (the router stage). */
  public static final String GROUP_ID = "notifier";

  /** The consumer group of every notifier instance on {@code notifier.groups} (the owners). */
  public static final String OWNER_GROUP_ID = "notifier-groups";

  private static final Logger LOG = LoggerFactory.getLogger(AlertStream.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final long RETRY_DELAY_MS = 1000;

  private final Vertx vertx;
  private final KafkaSettings kafka;
  private final Dispatcher dispatcher;
  private final Sender sender;
  private final NotificationLogTopic nflog;
  private final GroupFlushes flushes;
  private final DecodedAlerts decoded;
  private final OffsetTracker offsets = new OffsetTracker();
  private final NotifyTrace trace = new NotifyTrace();
  private final HeldEvents held = new HeldEvents();
  private final Counter invalid;
  private final MeterRegistry registry;
  private final Promise<Void> drained = Promise.promise();
  private final Set<Integer> ready = new HashSet<>();
  private final Set<Integer> restoring = new HashSet<>();
  private KafkaConsumer<String, String> consumer;
  private int partitions = 1;
  private boolean stopping;

  public AlertStream(
      Vertx vertx,
      KafkaSettings kafka,
      Dispatcher dispatcher,
      Sender sender,
      NotificationLogTopic nflog,
      MeterRegistry registry,
      DecodedAlerts decoded) {
    this.decoded = decoded;
    this.nflog = nflog;
    this.vertx = vertx;
    this.kafka = kafka;
    this.dispatcher = dispatcher;
    this.sender = sender;
    this.registry = registry;
    this.invalid =
        Counter.builder("notifier.alerts.invalid")
            .description("Records on alerts or notifier.groups that did not decode; skipped")
            .register(registry);
    this.flushes =
        new GroupFlushes(
            vertx,
            dispatcher,
            sender::deliver,
            nflog::write,
            offsets,
            held,
            trace,
            groupId -> ready.contains(GroupPartition.of(groupId, partitions)),
            this::commitFinished,
            System::currentTimeMillis);
  }

  /**
   * Joins the owners' consumer group on {@code notifier.groups}; each partition it is given is
   * paused until its groups are rebuilt from the notification log.
   */
  public Future<Void> start() {
    consumer = KafkaConsumer.create(vertx, kafka.consumer(OWNER_GROUP_ID, "notifier-owner"));
    consumer.exceptionHandler(e -> LOG.warn("group consumer error: {}", e.getMessage()));
    consumer.partitionsRevokedHandler(this::revoked);
    consumer.partitionsAssignedHandler(this::assigned);
    return TopicPartitions.of(vertx, consumer, Topics.NOTIFIER_GROUPS)
        .compose(
            ps -> {
              partitions = ps.size();
              nflog.start(partitions);
              return consumer.subscribe(Topics.NOTIFIER_GROUPS);
            })
        .onSuccess(v -> pollLoop());
  }

  /** Rebuilds the groups of newly owned partitions from the log, then lets their events in. */
  private void assigned(Set<TopicPartition> tps) {
    Set<Integer> fresh = new HashSet<>();
    Set<TopicPartition> pause = new HashSet<>();
    for (TopicPartition tp : tps) {
      if (!ready.contains(tp.getPartition()) && restoring.add(tp.getPartition())) {
        fresh.add(tp.getPartition());
        pause.add(tp);
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    consumer
        .pause(pause)
        .compose(v -> nflog.load(fresh))
        .onSuccess(
            states -> {
              dispatcher.restore(states.values(), System.currentTimeMillis());
              LOG.info("owning partitions {}: restored {} groups", fresh, states.size());
            })
        .onComplete(
            ar -> {
              if (ar.failed()) {
                LOG.warn("restoring partitions {} failed: {}", fresh, ar.cause().getMessage());
              }
              restoring.removeAll(fresh);
              ready.addAll(fresh);
              consumer.resume(pause);
              flushes.flushDue();
            });
  }

  /** Records read and not yet settled. */
  public int inFlight() {
    return offsets.inFlight();
  }

  private void pollLoop() {
    if (stopping) {
      drained.tryComplete();
      return;
    }
    consumer
        .poll(POLL_TIMEOUT)
        .map(this::process)
        .onComplete(
            ar -> {
              if (ar.failed() && !stopping) {
                LOG.warn("alert poll failed, retrying: {}", ar.cause().getMessage());
                vertx.setTimer(RETRY_DELAY_MS, t -> pollLoop());
              } else {
                pollLoop();
              }
            });
  }

  private Void process(KafkaConsumerRecords<String, String> records) {
    long now = System.currentTimeMillis();
    Set<Integer> heldBack = new HashSet<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> r = records.recordAt(i);
      if (!ready.contains(r.partition())) {
        // Read before its groups were restored: read it again once they are.
        if (heldBack.add(r.partition())) {
          consumer.seek(new TopicPartition(r.topic(), r.partition()), r.offset());
        }
        continue;
      }
      accept(r, now);
    }
    flushes.flushDue();
    return null;
  }

  private void accept(KafkaConsumerRecord<String, String> r, long now) {
    offsets.track(r.partition(), r.offset());
    Alert alert;
    String routeId;
    try {
      DecodedAlerts.Forwarded fast = decoded.forwarded(r.value());
      if (fast != null) {
        routeId = fast.routeId();
        alert = fast.alert();
      } else {
        JsonNode n = Json.MAPPER.readTree(r.value());
        routeId = n.path("route").asText();
        alert = AlertCodec.fromJson(n.path("alert"));
      }
    } catch (IOException | CodecException | IllegalArgumentException | NullPointerException e) {
      invalid.increment();
      LOG.warn(
          "skipping undecodable alert event at {}-{}@{}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
      offsets.finish(r.partition(), r.offset());
      return;
    }
    long ticket = held.ticket();
    int groups = dispatcher.acceptGrouped(routeId, alert, ticket, now);
    if (groups == 0) {
      offsets.finish(r.partition(), r.offset());
    } else {
      held.hold(ticket, r.partition(), r.offset(), groups);
      trace.received(ticket, r);
    }
  }

  /** Switches the dispatcher to a new configuration, settling events no group holds any more. */
  public void reload(dev.alerting.notify.config.AlertmanagerConfig next) {
    flushes.settle(dispatcher.reload(next, System.currentTimeMillis()));
    flushes.flushDue();
  }

  private Future<Void> commitFinished() {
    Map<Integer, Long> ready = offsets.takeCommittable();
    if (ready.isEmpty() || consumer == null) {
      return Future.succeededFuture();
    }
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    ready.forEach(
        (p, o) ->
            commit.put(
                new TopicPartition(Topics.NOTIFIER_GROUPS, p), new OffsetAndMetadata(o, "")));
    return consumer
        .commit(commit)
        // A failed commit (e.g. during a rebalance) only means these events may be read again.
        .onFailure(
            e -> LOG.warn("offset commit failed, alert events may be re-read: {}", e.getMessage()))
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture());
  }

  /** Commits what settled and forgets the groups of partitions now owned by another instance. */
  private void revoked(Set<TopicPartition> revoked) {
    commitFinished();
    Set<Integer> gone = new HashSet<>();
    for (TopicPartition tp : revoked) {
      offsets.forget(tp.getPartition());
      ready.remove(tp.getPartition());
      restoring.remove(tp.getPartition());
      gone.add(tp.getPartition());
    }
    dispatcher.drop(id -> gone.contains(GroupPartition.of(id, partitions)));
    held.forget(gone);
  }

  /**
   * Stops polling and retrying, gives deliveries in flight up to five seconds, commits what settled
   * and closes. Events still waiting in groups stay uncommitted and are read again on restart.
   */
  public Future<Void> stop() {
    stopping = true;
    sender.stop();
    flushes.stop();
    if (consumer == null) {
      return Future.succeededFuture();
    }
    return drained
        .future()
        .timeout(10, TimeUnit.SECONDS)
        .recover(e -> Future.succeededFuture())
        .compose(v -> flushes.awaitSettled(50))
        .compose(v -> commitFinished())
        .compose(v -> consumer.close())
        .compose(v -> nflog.stop())
        .recover(e -> Future.succeededFuture());
  }
}
