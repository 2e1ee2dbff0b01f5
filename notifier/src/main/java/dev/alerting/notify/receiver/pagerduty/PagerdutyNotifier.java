package dev.alerting.notify.receiver.pagerduty;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.notify.receiver.Channels;
import dev.alerting.notify.receiver.MessageTemplates;
import dev.alerting.notify.receiver.Notification;
import dev.alerting.notify.receiver.http.HttpCall;
import dev.alerting.notify.receiver.http.HttpNotifier;
import dev.alerting.platform.codec.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Triggers or resolves one PagerDuty incident per group, keyed by the hex SHA-256 of the group key.
 * v2 retries 429, v1 retries 403 (PagerDuty's rate-limit answer there), both retry 5xx.
 */
public final class PagerdutyNotifier extends HttpNotifier {
  // PagerDuty rejects longer summaries/descriptions; Alertmanager truncates to this.
  private static final int MAX_SUMMARY = 1024;
  private final PagerdutyConfig c;

  public PagerdutyNotifier(Channels channels, PagerdutyConfig config) {
    super(
        channels,
        config.http(),
        config.timeout().orElse(null),
        config.v2() ? Set.of(429) : Set.of(403, 429));
    this.c = config;
  }

  @Override
  public String integration() {
    return "pagerduty";
  }

  @Override
  protected List<HttpCall> calls(Notification n, MessageTemplates.Rendering r) {
    String body = c.v2() ? v2(n, r) : v1(n, r);
    return List.of(HttpCall.postJson(c.url(), body));
  }

  private String v2(Notification n, MessageTemplates.Rendering r) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("routing_key", r.text(c.routingKey()));
    m.put("event_action", n.firing() ? "trigger" : "resolve");
    m.put("dedup_key", n.groupKeyHash());
    putIfSet(m, "client", r.text(c.client()));
    putIfSet(m, "client_url", r.text(c.clientUrl()));
    ObjectNode p = m.putObject("payload");
    p.put("summary", truncate(r.text(c.description()), MAX_SUMMARY));
    p.put("source", r.text(c.source()));
    p.put("severity", r.text(c.severity()));
    details(p.putObject("custom_details"), r);
    putIfSet(p, "class", r.text(c.className()));
    putIfSet(p, "component", r.text(c.component()));
    putIfSet(p, "group", r.text(c.group()));
    if (!c.images().isEmpty()) {
      ArrayNode images = m.putArray("images");
      for (PagerdutyConfig.Image i : c.images()) {
        ObjectNode o = images.addObject();
        putIfSet(o, "src", r.text(i.src()));
        putIfSet(o, "alt", r.text(i.alt()));
        putIfSet(o, "href", r.text(i.href()));
      }
    }
    if (!c.links().isEmpty()) {
      ArrayNode links = m.putArray("links");
      for (PagerdutyConfig.Link l : c.links()) {
        ObjectNode o = links.addObject();
        putIfSet(o, "href", r.text(l.href()));
        putIfSet(o, "text", r.text(l.text()));
      }
    }
    return Json.write(m);
  }

  private String v1(Notification n, MessageTemplates.Rendering r) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("service_key", r.text(c.serviceKey()));
    m.put("event_type", n.firing() ? "trigger" : "resolve");
    m.put("incident_key", n.groupKeyHash());
    m.put("description", truncate(r.text(c.description()), MAX_SUMMARY));
    details(m.putObject("details"), r);
    if (n.firing()) {
      putIfSet(m, "client", r.text(c.client()));
      putIfSet(m, "client_url", r.text(c.clientUrl()));
    }
    return Json.write(m);
  }

  private void details(ObjectNode target, MessageTemplates.Rendering r) {
    Map<String, String> all = new TreeMap<>(PagerdutyConfig.defaultDetails());
    all.putAll(c.details());
    all.forEach((k, v) -> target.put(k, r.text(v)));
  }

  private static void putIfSet(ObjectNode o, String key, String value) {
    if (value != null && !value.isEmpty()) {
      o.put(key, value);
    }
  }
}
