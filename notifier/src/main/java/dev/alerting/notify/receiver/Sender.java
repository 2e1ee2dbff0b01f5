package dev.alerting.notify.receiver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.notify.dispatch.Delivery;
import dev.alerting.notify.dispatch.Flush;
import dev.alerting.notify.receiver.log.LogNotifier;
import dev.alerting.notify.receiver.webhook.WebhookConfig;
import dev.alerting.notify.receiver.webhook.WebhookNotifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a group flush: one message per delivery, retried with backoff while the receiver
 * answers retryable, counted per integration. A flush is settled when every delivery was made or
 * failed for good; only a shutdown leaves it unsettled (its events are then read again).
 */
public final class Sender {
  private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

  private final Vertx vertx;
  private final WebClient client;
  private final RetryPolicy retry;
  private final Duration httpTimeout;
  private final String externalUrl;
  private final MeterRegistry registry;
  private boolean stopping;

  public Sender(
      Vertx vertx,
      WebClient client,
      RetryPolicy retry,
      Duration httpTimeout,
      String externalUrl,
      MeterRegistry registry) {
    this.vertx = vertx;
    this.client = client;
    this.retry = retry;
    this.httpTimeout = httpTimeout;
    this.externalUrl = externalUrl;
    this.registry = registry;
  }

  /** Stops retrying: deliveries still waiting for a retry end unsettled. */
  public void stop() {
    stopping = true;
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
    Notifier notifier = notifierFor(d.integration());
    ObjectNode message =
        Message.v4(
            flush.groupKey(),
            flush.receiver().name(),
            flush.groupLabels(),
            d.alerts(),
            externalUrl,
            d.integration().maxAlerts());
    return attempt(notifier, message, 1)
        .compose(outcome -> record(flush, notifier, outcome).map(outcome));
  }

  private Notifier notifierFor(Integration integration) {
    if (integration instanceof WebhookConfig w) {
      return new WebhookNotifier(client, w, httpTimeout);
    }
    return new LogNotifier(integration.name());
  }

  private Future<Outcome> attempt(Notifier notifier, ObjectNode message, int attempt) {
    return notifier
        .attempt(message)
        .compose(
            outcome -> {
              if (!retry.retryAfter(attempt, outcome)) {
                return Future.succeededFuture(outcome);
              }
              if (stopping) {
                return Future.failedFuture("stopping: delivery abandoned after attempt " + attempt);
              }
              Duration wait = retry.backoffAfter(attempt);
              LOG.info(
                  "{} delivery attempt {} failed ({}), retrying in {} ms",
                  notifier.integration(),
                  attempt,
                  outcome.detail(),
                  wait.toMillis());
              Counter.builder("notifier.notification.retries")
                  .description("Delivery attempts that were retried")
                  .tag("integration", notifier.integration())
                  .register(registry)
                  .increment();
              return vertx
                  .timer(wait.toMillis())
                  .compose(t -> attempt(notifier, message, attempt + 1));
            });
  }

  private Future<Void> record(Flush flush, Notifier notifier, Outcome outcome) {
    if (outcome.kind() == Outcome.Kind.DELIVERED) {
      Counter.builder("notifier.notifications")
          .description("Notifications delivered")
          .tag("integration", notifier.integration())
          .register(registry)
          .increment();
      return Future.succeededFuture();
    }
    String reason = outcome.kind() == Outcome.Kind.PERMANENT ? "permanent" : "retries_exhausted";
    Counter.builder("notifier.notifications.failed")
        .description("Notifications that failed for good")
        .tag("integration", notifier.integration())
        .tag("reason", reason)
        .register(registry)
        .increment();
    LOG.warn(
        "notification for {} to receiver {} via {} failed for good ({}: {})",
        flush.groupKey(),
        flush.receiver().name(),
        notifier.integration(),
        reason,
        outcome.detail());
    return Future.succeededFuture();
  }
}
