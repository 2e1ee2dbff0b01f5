package dev.alerting.notify.receiver.webex;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.notify.receiver.Channels;
import dev.alerting.notify.receiver.MessageTemplates;
import dev.alerting.notify.receiver.Notification;
import dev.alerting.notify.receiver.http.HttpCall;
import dev.alerting.notify.receiver.http.HttpNotifier;
import dev.alerting.platform.codec.Json;
import java.util.List;
import java.util.Set;

/** Posts {@code {"markdown", "roomId"}} to the messages API; 429 is retried. */
public final class WebexNotifier extends HttpNotifier {
  private final WebexConfig c;

  public WebexNotifier(Channels channels, WebexConfig config) {
    super(channels, config.http(), null, Set.of(429));
    this.c = config;
  }

  @Override
  public String integration() {
    return "webex";
  }

  @Override
  protected List<HttpCall> calls(Notification n, MessageTemplates.Rendering r) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("markdown", r.text(c.message()));
    m.put("roomId", r.text(c.roomId()));
    return List.of(HttpCall.postJson(c.apiUrl(), Json.write(m)));
  }
}
