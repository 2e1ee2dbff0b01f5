package dev.alerting.notify.stream;

import dev.alerting.notify.dispatch.Delivery;
import dev.alerting.notify.dispatch.Dispatcher;
import dev.alerting.notify.dispatch.Flush;
import dev.alerting.notify.nflog.GroupState;
import dev.alerting.notify.receiver.Outcome;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flush side of the alert stream: runs the dispatcher's flush timer, sends each due flush,
 * writes the group's state to the notification log and only then settles the flush's events (their
 * offsets may be committed). An event is never committed before every group holding it has logged
 * it: committing earlier could lose an acknowledged alert on a crash. Runs on one event loop only.
 */
final class GroupFlushes {
  /** Makes the deliveries of a flush, answering each one's final outcome. */
  interface Deliveries {
    Future<List<Outcome>> deliver(Flush flush);
  }

  /** Writes a group's state once its flush is done (the notification log). */
  interface GroupLog {
    Future<Void> write(String groupId, Optional<GroupState> state);
  }

  private static final Logger LOG = LoggerFactory.getLogger(GroupFlushes.class);
  static final long FLUSH_COALESCE_MS = 10;

  private final Vertx vertx;
  private final Dispatcher dispatcher;
  private final Deliveries sender;
  private final GroupLog nflog;
  private final OffsetTracker offsets;
  private final HeldEvents held;
  private final NotifyTrace trace;
  private final Predicate<String> owned;
  private final Runnable commit;
  private final LongSupplier clock;
  private int sending;
  private long flushTimer = -1;
  private boolean flushSoonArmed;
  private boolean stopping;

  /**
   * @param owned whether this instance owns a group (by id) and so logs it
   * @param commit commits what settled; run after each pass
   */
  GroupFlushes(
      Vertx vertx,
      Dispatcher dispatcher,
      Deliveries sender,
      GroupLog nflog,
      OffsetTracker offsets,
      HeldEvents held,
      NotifyTrace trace,
      Predicate<String> owned,
      Runnable commit,
      LongSupplier clock) {
    this.vertx = vertx;
    this.dispatcher = dispatcher;
    this.sender = sender;
    this.nflog = nflog;
    this.offsets = offsets;
    this.held = held;
    this.trace = trace;
    this.owned = owned;
    this.commit = commit;
    this.clock = clock;
  }

  /** Flushes due groups, sends what they decided, and re-arms the timer for the next due group. */
  void flushDue() {
    if (flushTimer >= 0) {
      vertx.cancelTimer(flushTimer);
      flushTimer = -1;
    }
    long now = clock.getAsLong();
    for (Flush f : dispatcher.flushDue(now)) {
      send(f);
    }
    commit.run();
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
                      dispatcher.delivered(f, d, clock.getAsLong());
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
              return changed && owned.test(groupId)
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

  /** Releases the events of these tickets; an event no group holds any more is finished. */
  void settle(Collection<Long> tickets) {
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

  /** Arms no more timers; flushes in flight still settle. */
  void stop() {
    stopping = true;
    if (flushTimer >= 0) {
      vertx.cancelTimer(flushTimer);
    }
  }

  /** Completes once no flush is sending, checking every 100 ms at most {@code rounds} times. */
  Future<Void> awaitSettled(int rounds) {
    if (sending == 0 || rounds == 0) {
      return Future.succeededFuture();
    }
    return vertx.timer(100).compose(t -> awaitSettled(rounds - 1));
  }
}
