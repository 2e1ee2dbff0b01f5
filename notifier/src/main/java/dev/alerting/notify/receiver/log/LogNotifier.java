package dev.alerting.notify.receiver.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.notify.receiver.Notifier;
import dev.alerting.notify.receiver.Outcome;
import dev.alerting.platform.codec.Json;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log receiver: writes the version 4 payload as the message of one JSON log line, with the
 * receiver and the configured integration (log, or an integration not implemented yet) as fields.
 */
public final class LogNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger("dev.alerting.notify.notification");

  private final String configuredIntegration;

  public LogNotifier(String configuredIntegration) {
    this.configuredIntegration = configuredIntegration;
  }

  @Override
  public String integration() {
    return "log";
  }

  @Override
  public Future<Outcome> attempt(ObjectNode message) {
    LOG.atInfo()
        .addKeyValue("receiver", message.path("receiver").asText())
        .addKeyValue("integration", configuredIntegration)
        .addKeyValue("groupKey", message.path("groupKey").asText())
        .log(Json.write(message));
    return Future.succeededFuture(Outcome.delivered());
  }
}
