package dev.alerting.platform.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.page.PageOutcome;
import dev.alerting.model.page.PageRequest;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The records on {@code pages} and {@code pages.outcomes}, keyed by incident id:
 *
 * <pre>
 * {"pageId","incidentId","kind":"trigger"|"resolve","user","receiver","title","severity","step",
 *  "alerts":[alert objects as on the alerts topic],"createdAt":RFC3339}
 * {"pageId","incidentId","result":"delivered"|"failed","detail","at":RFC3339}
 * </pre>
 */
public final class PageCodec {
  private PageCodec() {}

  /** The record key of both topics: the incident id, so one incident's pages stay in order. */
  public static String key(long incidentId) {
    return Long.toString(incidentId);
  }

  public static String encode(PageRequest p) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("pageId", p.pageId());
    n.put("incidentId", p.incidentId());
    n.put("kind", p.kind().wire());
    n.put("user", p.user());
    n.put("receiver", p.receiver());
    n.put("title", p.title());
    n.put("severity", p.severity());
    n.put("step", p.step());
    ArrayNode alerts = n.putArray("alerts");
    p.alerts().forEach(a -> alerts.add(AlertCodec.toJson(a)));
    n.put("createdAt", p.createdAt().toString());
    return Json.write(n);
  }

  public static PageRequest decodeRequest(String json) {
    JsonNode n = tree(json);
    try {
      List<Alert> alerts = new ArrayList<>();
      for (JsonNode a : n.path("alerts")) {
        alerts.add(AlertCodec.fromJson(a));
      }
      return new PageRequest(
          text(n, "pageId"),
          n.path("incidentId").asLong(),
          PageRequest.Kind.fromWire(text(n, "kind")),
          n.path("user").asText(""),
          text(n, "receiver"),
          n.path("title").asText(""),
          n.path("severity").asText(""),
          n.path("step").asInt(),
          alerts,
          Instant.parse(text(n, "createdAt")));
    } catch (IllegalArgumentException | DateTimeParseException | NullPointerException e) {
      throw new CodecException("invalid page request: " + e.getMessage(), e);
    }
  }

  public static String encode(PageOutcome o) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("pageId", o.pageId());
    n.put("incidentId", o.incidentId());
    n.put("result", o.result().wire());
    n.put("detail", o.detail());
    n.put("at", o.at().toString());
    return Json.write(n);
  }

  public static PageOutcome decodeOutcome(String json) {
    JsonNode n = tree(json);
    try {
      return new PageOutcome(
          text(n, "pageId"),
          n.path("incidentId").asLong(),
          PageOutcome.Result.fromWire(text(n, "result")),
          n.path("detail").asText(""),
          Instant.parse(text(n, "at")));
    } catch (IllegalArgumentException | DateTimeParseException | NullPointerException e) {
      throw new CodecException("invalid page outcome: " + e.getMessage(), e);
    }
  }

  private static JsonNode tree(String json) {
    try {
      JsonNode n = Json.MAPPER.readTree(json == null ? "" : json);
      if (n == null || !n.isObject()) {
        throw new CodecException("page record is not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new CodecException("page record is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new CodecException("page record: '" + field + "' missing or not a string");
    }
    return v.asText();
  }
}
