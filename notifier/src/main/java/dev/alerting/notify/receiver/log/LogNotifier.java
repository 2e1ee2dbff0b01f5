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
 * receiver and group key as fields.
 */
public final class LogNotifier implements Notifier {
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
        .log(
            Json.write(
                Message.v4(
                    n.groupKey(), n.receiver(), n.groupLabels(), n.alerts(), externalUrl, 0)));
    return Future.succeededFuture(Outcome.delivered());
  }
}
