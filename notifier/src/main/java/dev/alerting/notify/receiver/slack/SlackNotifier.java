package dev.alerting.notify.receiver.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * Posts one attachment message, shaped as Alertmanager shapes it: optional fields left out when
 * empty, {@code text}, {@code fallback}, {@code callback_id} and {@code footer} always present.
 */
public final class SlackNotifier extends HttpNotifier {
  private final SlackConfig c;

  public SlackNotifier(Channels channels, SlackConfig config) {
    super(channels, config.http(), config.timeout().orElse(null), Set.of(429));
    this.c = config;
  }

  @Override
  public String integration() {
    return "slack";
  }

  @Override
  protected List<HttpCall> calls(Notification n, MessageTemplates.Rendering r) {
    ObjectNode a = Json.MAPPER.createObjectNode();
    putIfSet(a, "title", r.text(c.title()));
    putIfSet(a, "title_link", r.text(c.titleLink()));
    putIfSet(a, "pretext", r.text(c.pretext()));
    a.put("text", r.text(c.text()));
    a.put("fallback", r.text(c.fallback()));
    a.put("callback_id", r.text(c.callbackId()));
    if (!c.fields().isEmpty()) {
      ArrayNode fields = a.putArray("fields");
      for (SlackConfig.Field f : c.fields()) {
        fields
            .addObject()
            .put("title", r.text(f.title()))
            .put("value", r.text(f.value()))
            .put("short", f.shortField().orElse(c.shortFields()));
      }
    }
    if (!c.actions().isEmpty()) {
      ArrayNode actions = a.putArray("actions");
      for (SlackConfig.Action act : c.actions()) {
        actions.add(action(act, r));
      }
    }
    putIfSet(a, "image_url", r.text(c.imageUrl()));
    putIfSet(a, "thumb_url", r.text(c.thumbUrl()));
    a.put("footer", r.text(c.footer()));
    putIfSet(a, "color", r.text(c.color()));
    if (!c.mrkdwnIn().isEmpty()) {
      ArrayNode m = a.putArray("mrkdwn_in");
      c.mrkdwnIn().forEach(m::add);
    }
    ObjectNode msg = Json.MAPPER.createObjectNode();
    putIfSet(msg, "channel", r.text(c.channel()));
    putIfSet(msg, "username", r.text(c.username()));
    putIfSet(msg, "icon_emoji", r.text(c.iconEmoji()));
    putIfSet(msg, "icon_url", r.text(c.iconUrl()));
    if (c.linkNames()) {
      msg.put("link_names", true);
    }
    msg.putArray("attachments").add(a);
    return List.of(HttpCall.postJson(c.apiUrl(), Json.write(msg)));
  }

  private static ObjectNode action(SlackConfig.Action act, MessageTemplates.Rendering r) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    putIfSet(o, "type", r.text(act.type()));
    putIfSet(o, "text", r.text(act.text()));
    putIfSet(o, "url", r.text(act.url()));
    putIfSet(o, "style", r.text(act.style()));
    putIfSet(o, "name", r.text(act.name()));
    putIfSet(o, "value", r.text(act.value()));
    act.confirm()
        .ifPresent(
            cf -> {
              ObjectNode co = o.putObject("confirm");
              putIfSet(co, "title", r.text(cf.title()));
              putIfSet(co, "text", r.text(cf.text()));
              putIfSet(co, "ok_text", r.text(cf.okText()));
              putIfSet(co, "dismiss_text", r.text(cf.dismissText()));
            });
    return o;
  }

  private static void putIfSet(ObjectNode o, String key, String value) {
    if (value != null && !value.isEmpty()) {
      o.put(key, value);
    }
  }
}
