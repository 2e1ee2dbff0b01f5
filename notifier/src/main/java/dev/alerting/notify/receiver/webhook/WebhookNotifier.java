package dev.alerting.notify.receiver.webhook;

import dev.alerting.notify.receiver.Channels;
import dev.alerting.notify.receiver.Message;
import dev.alerting.notify.receiver.MessageTemplates;
import dev.alerting.notify.receiver.Notification;
import dev.alerting.notify.receiver.http.HttpCall;
import dev.alerting.notify.receiver.http.HttpNotifier;
import dev.alerting.platform.codec.Json;
import java.util.List;
import java.util.Set;

/** POSTs the version 4 payload to the configured URL; only 5xx (and 429) are retried. */
public final class WebhookNotifier extends HttpNotifier {
  private final WebhookConfig config;

  public WebhookNotifier(Channels channels, WebhookConfig config) {
    super(channels, config.http(), config.timeout().orElse(null), Set.of(429));
    this.config = config;
  }

  @Override
  public String integration() {
    return "webhook";
  }

  @Override
  protected boolean needsTemplates() {
    // The payload is fixed: skip building template data on the busiest path.
    return false;
  }

  @Override
  protected List<HttpCall> calls(Notification n, MessageTemplates.Rendering r) {
    String body =
        Json.write(
            Message.v4(
                n.groupKey(),
                n.receiver(),
                n.groupLabels(),
                n.alerts(),
                channels.externalUrl(),
                config.maxAlerts()));
    return List.of(HttpCall.postJson(config.url().toString(), body));
  }
}
