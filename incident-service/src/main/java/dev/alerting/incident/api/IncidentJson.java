package dev.alerting.incident.api;

import dev.alerting.incident.lifecycle.Incident;
import dev.alerting.incident.lifecycle.IncidentAlert;
import dev.alerting.incident.lifecycle.TimelineEntry;
import dev.alerting.incident.store.IncidentPage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** The incident JSON of the API contract; times are RFC 3339 in UTC, null when unset. */
public final class IncidentJson {
  private IncidentJson() {}

  public static JsonObject incident(Incident i) {
    JsonArray alerts = new JsonArray();
    i.alerts().forEach(a -> alerts.add(alert(a)));
    JsonArray timeline = new JsonArray();
    i.timeline().forEach(e -> timeline.add(entry(e)));
    return new JsonObject()
        .put("id", String.valueOf(i.id()))
        .put("title", i.title())
        .put("status", i.status().wire())
        .put("severity", i.severity())
        .put("labels", strings(i.labels().asMap()))
        .put("alerts", alerts)
        .put("timeline", timeline)
        .put("createdAt", time(i.createdAt()))
        .put("acknowledgedAt", time(i.acknowledgedAt()))
        .put("resolvedAt", time(i.resolvedAt()))
        .put("assignee", i.assignee())
        .put("runbooks", new JsonArray(i.runbooks()));
  }

  public static JsonObject page(IncidentPage p) {
    JsonArray items = new JsonArray();
    p.items().forEach(i -> items.add(incident(i)));
    return new JsonObject()
        .put("items", items)
        .put("total", p.total())
        .put("limit", p.limit())
        .put("offset", p.offset());
  }

  private static JsonObject alert(IncidentAlert a) {
    return new JsonObject()
        .put("fingerprint", a.fingerprint())
        .put("status", a.status().wire())
        .put("labels", strings(a.labels().asMap()))
        .put("annotations", strings(a.annotations()))
        .put("startsAt", time(a.startsAt()))
        .put("endsAt", time(a.endsAt()));
  }

  private static JsonObject entry(TimelineEntry e) {
    return new JsonObject()
        .put("at", time(e.at()))
        .put("type", e.type())
        .put("actor", e.actor())
        .put("message", e.message());
  }

  private static JsonObject strings(Map<String, String> m) {
    JsonObject o = new JsonObject();
    new TreeMap<>(m).forEach(o::put);
    return o;
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
