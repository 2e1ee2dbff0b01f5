package dev.alerting.notify.receiver.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.notify.receiver.Notifier;
import dev.alerting.notify.receiver.Outcome;
import dev.alerting.platform.codec.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;

/** POSTs the version 4 payload to the configured URL; the HTTP status classifies the attempt. */
public final class WebhookNotifier implements Notifier {
  private final WebClient client;
  private final WebhookConfig config;
  private final Duration timeout;

  public WebhookNotifier(WebClient client, WebhookConfig config, Duration defaultTimeout) {
    this.client = client;
    this.config = config;
    this.timeout = config.timeout().orElse(defaultTimeout);
  }

  @Override
  public String integration() {
    return "webhook";
  }

  @Override
  public Future<Outcome> attempt(ObjectNode message) {
    return client
        .postAbs(config.url().toString())
        .timeout(timeout.toMillis())
        .putHeader("Content-Type", "application/json")
        .putHeader("User-Agent", "alerting-notifier")
        .sendBuffer(Buffer.buffer(Json.write(message)))
        .map(resp -> Outcome.ofStatus(resp.statusCode()))
        .recover(e -> Future.succeededFuture(Outcome.ofError(e)));
  }
}
