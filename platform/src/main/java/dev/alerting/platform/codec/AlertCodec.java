package dev.alerting.platform.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alert event on the {@code alerts} topic: Alertmanager's alert object. An unset {@code endsAt}
 * is written as Go's zero time, as Alertmanager does in webhook payloads.
 */
public final class AlertCodec {
  public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private AlertCodec() {}

  public static String encode(Alert a) {
    return Json.write(toJson(a));
  }

  public static ObjectNode toJson(Alert a) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("status", a.status().wire());
    ObjectNode labels = n.putObject("labels");
    a.labels().asMap().forEach(labels::put);
    ObjectNode ann = n.putObject("annotations");
    new TreeMap<>(a.annotations()).forEach(ann::put);
    n.put("startsAt", a.startsAt().toString());
    n.put("endsAt", a.endsAt() == null ? ZERO_TIME : a.endsAt().toString());
    n.put("generatorURL", a.generatorUrl());
    n.put("fingerprint", a.fingerprint());
    return n;
  }

  public static Alert decode(String json) {
    try {
      return fromJson(Json.MAPPER.readTree(json));
    } catch (IOException e) {
      throw new CodecException("alert event is not valid JSON: " + e.getMessage(), e);
    }
  }

  public static Alert fromJson(JsonNode n) {
    try {
      AlertStatus status = AlertStatus.fromWire(text(n, "status"));
      Labels labels = Labels.of(stringMap(n.get("labels")));
      Map<String, String> annotations = stringMap(n.get("annotations"));
      Instant startsAt = Instant.parse(text(n, "startsAt"));
      String ends = n.path("endsAt").asText(ZERO_TIME);
      Instant endsAt = ends.isEmpty() || ends.equals(ZERO_TIME) ? null : Instant.parse(ends);
      return new Alert(
          status, labels, annotations, startsAt, endsAt, n.path("generatorURL").asText(""));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new CodecException("invalid alert event: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new CodecException("alert event: '" + field + "' missing or not a string");
    }
    return v.asText();
  }

  private static Map<String, String> stringMap(JsonNode n) {
    Map<String, String> m = new LinkedHashMap<>();
    if (n == null || n.isNull()) {
      return m;
    }
    if (!n.isObject()) {
      throw new CodecException("alert event: expected an object of strings");
    }
    n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }
}
