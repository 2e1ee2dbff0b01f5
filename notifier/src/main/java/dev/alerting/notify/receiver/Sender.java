package dev.alerting.notify.receiver;

import dev.alerting.notify.dispatch.Delivery;
import dev.alerting.notify.dispatch.Flush;
import dev.alerting.notify.history.DeadLetter;
import dev.alerting.notify.history.DeadLetters;
import dev.alerting.notify.history.DeliveryHistory;
import dev.alerting.notify.history.DeliveryRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a group flush: one notification per delivery, at most {@code maxInFlight} at a time
 * per receiver, retried with jittered backoff while the receiver answers retryable. A delivery that
 * fails for good becomes a dead letter. A flush is settled when every delivery was made or
 * dead-lettered; only a shutdown (or a dead letter that could not be stored) leaves it unsettled,
 * so its events are read again.
 */
public final class Sender {
  private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

  private final Vertx vertx;
  private final RetryPolicy retry;
  private volatile Redactor redactor;
  private final DeliveryMetrics metrics;
  private final DeliveryHistory history;
  private final DeadLetters deadLetters;
  private final Limiter limiter;
  private final Notifiers notifiers;
  private volatile boolean stopping;

  /** The result of all attempts at one delivery. */
  record Attempted(Outcome outcome, int attempts) {}

  public Sender(
      Vertx vertx,
      Channels channels,
      RetryPolicy retry,
      Redactor redactor,
      DeliveryMetrics metrics,
      DeliveryHistory history,
      DeadLetters deadLetters,
      int maxInFlight) {
    this.vertx = vertx;
    this.retry = retry;
    this.redactor = redactor;
    this.metrics = metrics;
    this.history = history;
    this.deadLetters = deadLetters;
    this.limiter = new Limiter(maxInFlight);
    this.notifiers = new Notifiers(channels);
  }

  /**
   * After a config reload: masks the new config's secrets too (the old ones stay masked, as retries
   * and dead letters of the old config may still mention them).
   */
  public void alsoRedact(Redactor more) {
    redactor = redactor.and(more);
  }

  /** Stops retrying: deliveries still waiting for a retry end unsettled. */
  public void stop() {
    stopping = true;
  }

  /**
   * After a config reload: the notifiers of integrations the new config no longer has are closed
   * once their sends (retries included) end.
   */
  public void keepNotifiersOf(Collection<Integration> current) {
    notifiers.retainOnly(current);
  }

  /** Notifiers open (for tests of the reload). */
  int openNotifiers() {
    return notifiers.open();
  }

  /** Closes the notifiers' own connections (SMTP). */
  public Future<Void> close() {
    return notifiers.closeAll().recover(e -> Future.succeededFuture());
  }

  /** Succeeds when every delivery of the flush is settled; fails only when interrupted by stop. */
  public Future<Void> send(Flush flush) {
    return deliver(flush).mapEmpty();
  }

  /** As {@link #send(Flush)}, answering each delivery's final outcome (pages report it back). */
  public Future<List<Outcome>> deliver(Flush flush) {
    List<Future<Outcome>> all = new ArrayList<>();
    for (Delivery d : flush.deliveries()) {
      all.add(send(flush, d));
    }
    return Future.all(all).map(done -> done.<Outcome>list());
  }

  private Future<Outcome> send(Flush flush, Delivery d) {
    Notification n =
        new Notification(
            flush.receiver().name(), flush.groupKey(), flush.groupLabels(), d.alerts());
    int index = Math.max(0, flush.receiver().effectiveIntegrations().indexOf(d.integration()));
    long start = System.nanoTime();
    return notifiers.use(
        d.integration(),
        notifier ->
            limiter
                .run(n.receiver(), () -> attempt(notifier, n, 1))
                .compose(
                    a ->
                        settle(n, notifier, index, a, Duration.ofNanos(System.nanoTime() - start))
                            .map(a.outcome())));
  }

  /**
   * Sends a dead letter again through the integration it failed on (one attempt: an operator is
   * waiting for the answer). Delivered removes the dead letter; a failure keeps it, updated.
   */
  public Future<Outcome> resend(DeadLetter letter, Receiver receiver) {
    List<Integration> integrations = receiver.effectiveIntegrations();
    if (letter.integrationIndex() >= integrations.size()
        || !integrations.get(letter.integrationIndex()).name().equals(letter.integration())) {
      return Future.succeededFuture(
          Outcome.permanent(
              "receiver '" + receiver.name() + "' no longer has that " + letter.integration()));
    }
    Notification n =
        new Notification(
            letter.receiver(), letter.groupKey(), letter.groupLabels(), letter.alerts());
    return notifiers.use(
        integrations.get(letter.integrationIndex()), notifier -> resend(letter, notifier, n));
  }

  private Future<Outcome> resend(DeadLetter letter, Notifier notifier, Notification n) {
    long start = System.nanoTime();
    return notifier
        .attempt(n)
        .compose(
            o -> {
              Duration took = Duration.ofNanos(System.nanoTime() - start);
              metrics.record(notifier.integration(), n.receiver(), o, took, 1);
              String reason = redactor.redact(o.detail());
              history.add(
                  record(
                      n,
                      notifier,
                      o.kind() == Outcome.Kind.DELIVERED,
                      1,
                      took,
                      reason,
                      letter.id()));
              Future<Void> stored =
                  o.kind() == Outcome.Kind.DELIVERED
                      ? deadLetters.remove(letter.id())
                      : deadLetters.put(letter.withFailure(1, reason, Instant.now()));
              return stored.map(v -> o.withDetail(reason).withPayload(""));
            });
  }

  private Future<Attempted> attempt(Notifier notifier, Notification n, int attempt) {
    return notifier
        .attempt(n)
        .compose(
            outcome -> {
              if (!retry.retryAfter(attempt, outcome)) {
                return Future.succeededFuture(new Attempted(outcome, attempt));
              }
              if (stopping) {
                return Future.failedFuture("stopping: delivery abandoned after attempt " + attempt);
              }
              Duration wait = retry.waitAfter(attempt, outcome);
              LOG.info(
                  "{} delivery to receiver {} attempt {} failed ({}), retrying in {} ms",
                  notifier.integration(),
                  n.receiver(),
                  attempt,
                  redactor.redact(outcome.detail()),
                  wait.toMillis());
              metrics.retried(notifier.integration(), n.receiver());
              return vertx
                  .timer(Math.max(1, wait.toMillis()))
                  .compose(t -> attempt(notifier, n, attempt + 1));
            });
  }

  private Future<Void> settle(
      Notification n, Notifier notifier, int index, Attempted a, Duration took) {
    Outcome o = a.outcome();
    metrics.record(notifier.integration(), n.receiver(), o, took, a.attempts());
    if (o.kind() == Outcome.Kind.DELIVERED) {
      history.add(record(n, notifier, true, a.attempts(), took, "", ""));
      return Future.succeededFuture();
    }
    String reason = redactor.redact(o.detail());
    DeadLetter letter =
        new DeadLetter(
            UUID.randomUUID().toString(),
            Instant.now(),
            n.receiver(),
            notifier.integration(),
            index,
            n.groupKey(),
            n.groupLabels(),
            n.alerts(),
            a.attempts(),
            reason,
            redactor.redact(o.payload()));
    LOG.warn(
        "notification for {} to receiver {} via {} failed for good after {} attempts ({}); dead letter {}",
        n.groupKey(),
        n.receiver(),
        notifier.integration(),
        a.attempts(),
        reason,
        letter.id());
    // recorded once the dead letter is stored, so the history never names one the API cannot show
    return deadLetters
        .put(letter)
        .onComplete(
            ar -> history.add(record(n, notifier, false, a.attempts(), took, reason, letter.id())))
        .onFailure(
            e ->
                LOG.error(
                    "dead letter {} could not be stored ({}); its alert events will be read again",
                    letter.id(),
                    redactor.redact(e.getMessage())));
  }

  private static DeliveryRecord record(
      Notification n,
      Notifier notifier,
      boolean delivered,
      int attempts,
      Duration took,
      String reason,
      String deadLetterId) {
    return new DeliveryRecord(
        Instant.now(),
        n.receiver(),
        notifier.integration(),
        n.groupKey(),
        delivered ? "delivered" : "failed",
        attempts,
        took.toMillis(),
        n.alerts().size(),
        reason,
        deadLetterId);
  }
}
