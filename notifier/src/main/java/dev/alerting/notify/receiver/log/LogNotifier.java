package dev.alerting.notify.receiver.log;

import dev.alerting.notify.receiver.Message;
import dev.alerting.notify.receiver.Notification;
import dev.alerting.notify.receiver.Notifier;
import dev.alerting.notify.receiver.Outcome;
import dev.alerting.platform.codec.Json;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log receiver: writes the version 4 payload as the message of one JSON log line, with the
 * receiver and group key as fields. The payload lists at most {@link #MAX_ALERTS} alerts and counts
 * the rest as {@code truncatedAlerts}, as a webhook with {@code max_alerts} does: in an alert storm
 * a group of 10 000 alerts made a 4.4 MB line at every flush that grew it.
 */
public final class LogNotifier implements Notifier {
  /** The most alerts one log line lists. */
  public static final int MAX_ALERTS = 20;

  private static final Logger LOG = LoggerFactory.getLogger("dev.alerting.notify.notification");

  private final String externalUrl;

  public LogNotifier(String externalUrl) {
    this.externalUrl = externalUrl;
  }

  @Override
  public String integration() {
    return "log";
  }

  @Override
  public Future<Outcome> attempt(Notification n) {
    LOG.atInfo()
        .addKeyValue("receiver", n.receiver())
        .addKeyValue("integration", "log")
        .addKeyValue("groupKey", n.groupKey())
        .log(message(n));
    return Future.succeededFuture(Outcome.delivered());
  }

  /** The line's message: the v4 payload with at most {@link #MAX_ALERTS} alerts. */
  String message(Notification n) {
    return Json.write(
        Message.v4(
            n.groupKey(), n.receiver(), n.groupLabels(), n.alerts(), externalUrl, MAX_ALERTS));
  }
}
