package dev.alerting.notify.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.model.alert.Alert;
import dev.alerting.notify.dispatch.Delivery;
import dev.alerting.notify.dispatch.Dispatcher;
import dev.alerting.notify.dispatch.Flush;
import dev.alerting.notify.nflog.GroupState;
import dev.alerting.notify.receiver.Outcome;
import dev.alerting.notify.receiver.Sender;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.codec.CodecException;
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
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves alert events from the {@code alerts} topic into the {@link Dispatcher}, runs its flush
 * timer, hands flushes to the {@link Sender}, and commits a record's offset only once every group
 * it went to has settled it (notified or failed for good). Runs on the verticle's event loop only.
 */
public final class AlertStream {
  /** The consumer group of every notifier instance on {@code alerts} (the router stage). */
  public static final String GROUP_ID = "notifier";

  /** The consumer group of every notifier instance on {@code notifier.groups} (the owners). */
  public static final String OWNER_GROUP_ID = "notifier-groups";

  private static final Logger LOG = LoggerFactory.getLogger(AlertStream.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final long RETRY_DELAY_MS = 1000;
  private static final long FLUSH_COALESCE_MS = 10;

  private final Vertx vertx;
  private final KafkaSettings kafka;
  private final Dispatcher dispatcher;
  private final Sender sender;
  private final NotificationLogTopic nflog;
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
  private int sending;
  private long flushTimer = -1;
  private boolean flushSoonArmed;
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
              flushDue();
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
    flushDue();
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

  /** Flushes due groups, sends what they decided, and re-arms the timer for the next due group. */
  private void flushDue() {
    if (flushTimer >= 0) {
      vertx.cancelTimer(flushTimer);
      flushTimer = -1;
    }
    long now = System.currentTimeMillis();
    for (Flush f : dispatcher.flushDue(now)) {
      send(f);
    }
    commitFinished();
    if (!stopping) {
      dispatcher
          .nextFlushAt()
          .ifPresent(
              at ->
                  flushTimer =
                      vertx.setTimer(
                          // Groups due within the next few ms flush in one pass: each pass scans
                          // every group, and a burst of new groups with staggered group_waits
                          // otherwise fires one pass per group (quadratic in the profile).
                          Math.max(FLUSH_COALESCE_MS, at - now),
                          id -> {
                            flushTimer = -1;
                            flushDue();
                          }));
    }
  }

  /**
   * Sends each delivery of a flush, logs those made, writes the group's state to the notification
   * log and only then settles the flush's events (their offsets may be committed).
   */
  private void send(Flush f) {
    sending++;
    String groupId = dispatcher.groupIdOf(f);
    List<Future<Void>> each = new ArrayList<>();
    Span flushSpan = trace.flush(f);
    for (Delivery d : f.deliveries()) {
      Flush one = new Flush(f.groupKey(), f.receiver(), f.groupLabels(), List.of(d), Set.of());
      Span deliverySpan = trace.delivery(flushSpan, d);
      // only a delivered notification enters the log: one that failed for good is dead-lettered
      // and, as in Alertmanager, tried again at the group's next flush
      each.add(
          sender
              .deliver(one)
              .onComplete(ar -> NotifyTrace.delivered(deliverySpan, ar))
              .onSuccess(
                  outcomes -> {
                    if (outcomes.stream().allMatch(o -> o.kind() == Outcome.Kind.DELIVERED)) {
                      dispatcher.delivered(f, d, System.currentTimeMillis());
                    }
                  })
              .<Void>mapEmpty());
    }
    boolean changed = !f.tickets().isEmpty() || !f.deliveries().isEmpty();
    Future.join(each)
        .transform(
            ar -> {
              Optional<GroupState> state = dispatcher.settled(f);
              if (ar.failed()) {
                return Future.<Void>failedFuture(ar.cause());
              }
              // A group whose partition moved away is the new owner's to log.
              boolean owned = ready.contains(GroupPartition.of(groupId, partitions));
              return changed && owned
                  ? nflog.write(groupId, state)
                  : Future.<Void>succeededFuture();
            })
        .onComplete(v -> sending--)
        .onComplete(v -> flushSpan.end())
        .onSuccess(v -> settle(f.tickets()))
        .onFailure(e -> LOG.info("flush of {} left unsettled: {}", f.groupKey(), e.getMessage()))
        .onComplete(v -> flushSoon());
  }

  /**
   * A finished flush may let its group flush again. One pass within {@link #FLUSH_COALESCE_MS}
   * serves every flush finishing meanwhile: a pass per finished flush scanned every group (and
   * committed) once per notification, the top of the delivery profile.
   */
  private void flushSoon() {
    if (stopping || flushSoonArmed) {
      return;
    }
    flushSoonArmed = true;
    vertx.setTimer(
        FLUSH_COALESCE_MS,
        id -> {
          flushSoonArmed = false;
          flushDue();
        });
  }

  /** Switches the dispatcher to a new configuration, settling events no group holds any more. */
  public void reload(dev.alerting.notify.config.AlertmanagerConfig next) {
    settle(dispatcher.reload(next, System.currentTimeMillis()));
    flushDue();
  }

  private void settle(java.util.Collection<Long> tickets) {
    for (long t : tickets) {
      HeldEvents.Event done = held.release(t);
      if (done != null) {
        offsets.finish(done.partition(), done.offset());
        trace.settled(t);
      }
    }
    // No commit here: one per settled flush was a consumer round trip per notification, queued
    // behind the polls. The poll loop commits what settled at most once per poll (<= 200 ms).
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
    if (flushTimer >= 0) {
      vertx.cancelTimer(flushTimer);
    }
    if (consumer == null) {
      return Future.succeededFuture();
    }
    return drained
        .future()
        .timeout(10, TimeUnit.SECONDS)
        .recover(e -> Future.succeededFuture())
        .compose(v -> awaitSettled(50))
        .compose(v -> commitFinished())
        .compose(v -> consumer.close())
        .compose(v -> nflog.stop())
        .recover(e -> Future.succeededFuture());
  }

  private Future<Void> awaitSettled(int rounds) {
    if (sending == 0 || rounds == 0) {
      return Future.succeededFuture();
    }
    return vertx.timer(100).compose(t -> awaitSettled(rounds - 1));
  }
}
