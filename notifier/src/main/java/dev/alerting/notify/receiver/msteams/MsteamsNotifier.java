package dev.alerting.notify.receiver.msteams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.notify.receiver.Channels;
import dev.alerting.notify.receiver.MessageTemplates;
import dev.alerting.notify.receiver.Notification;
import dev.alerting.notify.receiver.http.HttpCall;
import dev.alerting.notify.receiver.http.HttpNotifier;
import dev.alerting.platform.codec.Json;
import java.util.List;
import java.util.Set;

/**
 * Posts the card Alertmanager posts: a MessageCard (connector) or a message with one Adaptive Card
 * attachment (workflow); red while firing, green once resolved.
 */
public final class MsteamsNotifier extends HttpNotifier {
  private final MsteamsConfig c;

  public MsteamsNotifier(Channels channels, MsteamsConfig config) {
    super(channels, config.http(), null, Set.of(429));
    this.c = config;
  }

  @Override
  public String integration() {
    return c.name();
  }

  @Override
  protected List<HttpCall> calls(Notification n, MessageTemplates.Rendering r) {
    String body = c.workflow() ? adaptiveCard(n, r) : messageCard(n, r);
    return List.of(HttpCall.postJson(c.webhookUrl(), body));
  }

  private String messageCard(Notification n, MessageTemplates.Rendering r) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("@context", "http://schema.org/extensions");
    m.put("type", "MessageCard");
    m.put("title", r.text(c.title()));
    m.put("summary", r.text(c.summary()));
    m.put("text", r.text(c.text()));
    m.put("themeColor", n.firing() ? "8C1A1A" : "2DC72D");
    return Json.write(m);
  }

  private String adaptiveCard(Notification n, MessageTemplates.Rendering r) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("type", "message");
    ObjectNode att = m.putArray("attachments").addObject();
    att.put("contentType", "application/vnd.microsoft.card.adaptive");
    att.putNull("contentUrl");
    ObjectNode content = att.putObject("content");
    content.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    content.put("type", "AdaptiveCard");
    content.put("version", "1.2");
    var body = content.putArray("body");
    body.addObject()
        .put("type", "TextBlock")
        .put("text", r.text(c.title()))
        .put("weight", "Bolder")
        .put("size", "Medium")
        .put("wrap", true)
        .put("style", "heading")
        .put("color", n.firing() ? "Attention" : "Good");
    body.addObject().put("type", "TextBlock").put("text", r.text(c.text())).put("wrap", true);
    content.putObject("msteams").put("width", "full");
    return Json.write(m);
  }
}
