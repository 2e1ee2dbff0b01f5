package dev.alerting.notify.receiver.opsgenie;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.notify.receiver.Channels;
import dev.alerting.notify.receiver.MessageTemplates;
import dev.alerting.notify.receiver.Notification;
import dev.alerting.notify.receiver.http.HttpCall;
import dev.alerting.notify.receiver.http.HttpNotifier;
import dev.alerting.platform.codec.Json;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Opsgenie's Alert API v2 with the {@code GenieKey} header, as Alertmanager calls it. */
public final class OpsgenieNotifier extends HttpNotifier {
  // Opsgenie cuts messages at 130 characters; Alertmanager truncates first so nothing is lost.
  private static final int MAX_MESSAGE = 130;
  private final OpsgenieConfig c;

  public OpsgenieNotifier(Channels channels, OpsgenieConfig config) {
    super(
        channels,
        config.http().withAuthorization("GenieKey " + config.apiKey()),
        config.timeout().orElse(null),
        Set.of(429));
    this.c = config;
  }

  @Override
  public String integration() {
    return "opsgenie";
  }

  @Override
  protected List<HttpCall> calls(Notification n, MessageTemplates.Rendering r) {
    String alias = n.groupKeyHash();
    String alerts = c.apiUrl() + "v2/alerts";
    if (!n.firing()) {
      ObjectNode close = Json.MAPPER.createObjectNode();
      putIfSet(close, "source", r.text(c.source()));
      return List.of(
          HttpCall.postJson(
              alerts + "/" + alias + "/close?identifierType=alias", Json.write(close)));
    }
    String message = truncate(r.text(c.message()), MAX_MESSAGE);
    String description = r.text(c.description());
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("alias", alias);
    m.put("message", message);
    putIfSet(m, "description", description);
    ObjectNode details = m.putObject("details");
    Map<String, String> d = new LinkedHashMap<>(commonLabels(n));
    c.details().forEach((k, v) -> d.put(k, r.text(v)));
    d.forEach(details::put);
    putIfSet(m, "source", r.text(c.source()));
    if (!c.responders().isEmpty()) {
      ArrayNode rs = m.putArray("responders");
      for (OpsgenieConfig.Responder resp : c.responders()) {
        responders(resp, r).forEach(rs::add);
      }
    }
    putList(m, "tags", r.text(c.tags()));
    putIfSet(m, "note", r.text(c.note()));
    putIfSet(m, "priority", r.text(c.priority()));
    putIfSet(m, "entity", r.text(c.entity()));
    putList(m, "actions", r.text(c.actions()));
    List<HttpCall> calls = new ArrayList<>();
    calls.add(HttpCall.postJson(alerts, Json.write(m)));
    if (c.updateAlerts()) {
      String byAlias = alerts + "/" + alias;
      calls.add(put(byAlias + "/message?identifierType=alias", "message", message));
      calls.add(put(byAlias + "/description?identifierType=alias", "description", description));
    }
    return calls;
  }

  private static HttpCall put(String url, String key, String value) {
    ObjectNode o = Json.MAPPER.createObjectNode().put(key, value);
    return new HttpCall(
        HttpMethod.PUT, url, Map.of("Content-Type", "application/json"), Json.write(o));
  }

  private static Map<String, String> commonLabels(Notification n) {
    Map<String, String> common = new java.util.TreeMap<>(n.alerts().get(0).labels().asMap());
    for (var a : n.alerts()) {
      common.entrySet().removeIf(e -> !e.getValue().equals(a.labels().get(e.getKey())));
    }
    return common;
  }

  /** A "teams" responder is a comma-separated list of team names, one responder each. */
  private static List<ObjectNode> responders(
      OpsgenieConfig.Responder resp, MessageTemplates.Rendering r) {
    String type = resp.type().toLowerCase(Locale.ROOT);
    if (type.equals("teams")) {
      return Arrays.stream(r.text(resp.name()).split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .map(t -> Json.MAPPER.createObjectNode().put("name", t).put("type", "team"))
          .toList();
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    putIfSet(o, "id", r.text(resp.id()));
    putIfSet(o, "name", r.text(resp.name()));
    putIfSet(o, "username", r.text(resp.username()));
    o.put("type", type);
    return List.of(o);
  }

  private static void putList(ObjectNode m, String key, String commaSeparated) {
    List<String> items =
        Arrays.stream(commaSeparated.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();
    if (!items.isEmpty()) {
      ArrayNode a = m.putArray(key);
      items.forEach(a::add);
    }
  }

  private static void putIfSet(ObjectNode o, String key, String value) {
    if (value != null && !value.isEmpty()) {
      o.put(key, value);
    }
  }
}
