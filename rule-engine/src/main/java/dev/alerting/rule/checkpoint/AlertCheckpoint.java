package dev.alerting.rule.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.model.Labels;
import dev.alerting.platform.codec.Json;
import dev.alerting.rule.alert.ActiveAlert;
import dev.alerting.rule.alert.AlertState;
import dev.alerting.rule.engine.SavedAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's checkpoint as compacted-topic records, and what changed since the last write. Keys:
 * {@code alert/<ruleKey>/<fingerprint>} (a pending or firing alert; a tombstone once it is gone)
 * and {@value #POSITION} (event-time clock and, per sample partition, the next offset whose effect
 * the checkpoint does not hold yet). Alert records are rewritten when the alert's state or timers
 * change, not on every new value: value and annotations (which often quote the value) are written
 * along but may be stale after a restart until the next evaluation refreshes them. Pure: no Kafka.
 */
public final class AlertCheckpoint {
  /** Key of the position record. */
  public static final String POSITION = "position";

  private static final String ALERT_PREFIX = "alert/";

  // What the topic holds now (as far as this instance wrote or read it), by key.
  private final Map<String, String> written = new HashMap<>();
  private final Map<Integer, Long> offsets = new TreeMap<>();
  private Long clock;

  /**
   * Restored state: the alerts, the clock and the sample offsets a checkpoint holds, and how many
   * records could not be read (skipped: their alerts start over).
   */
  public record Restored(
      List<SavedAlert> alerts, Long clock, Map<Integer, Long> offsets, int unreadable) {}

  /** Reads the latest value per key of the checkpoint topic and remembers it as written. */
  public Restored restore(Map<String, String> latest) {
    List<SavedAlert> alerts = new ArrayList<>();
    int unreadable = 0;
    for (Map.Entry<String, String> e : latest.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      try {
        if (e.getKey().startsWith(ALERT_PREFIX)) {
          SavedAlert a = decode(e.getKey(), e.getValue());
          written.put(e.getKey(), encode(a, false));
          alerts.add(a);
        } else if (e.getKey().equals(POSITION)) {
          readPosition(e.getValue());
        }
      } catch (RuntimeException bad) {
        unreadable++;
      }
    }
    return new Restored(alerts, clock, Map.copyOf(offsets), unreadable);
  }

  /**
   * The records to write so the topic matches {@code snapshot}: changed alerts, tombstones (null
   * values) for alerts gone, in that order; assumes they will be written.
   */
  public Map<String, String> changes(List<SavedAlert> snapshot) {
    Map<String, String> now = new LinkedHashMap<>();
    Map<String, String> out = new LinkedHashMap<>();
    for (SavedAlert a : snapshot) {
      String k = key(a);
      String compared = encode(a, false);
      now.put(k, compared);
      if (!compared.equals(written.get(k))) {
        out.put(k, encode(a, true));
      }
    }
    for (Iterator<String> it = written.keySet().iterator(); it.hasNext(); ) {
      String k = it.next();
      if (!now.containsKey(k)) {
        out.put(k, null);
        it.remove();
      }
    }
    written.putAll(now);
    return out;
  }

  /** Advances the position by a processed batch (next offsets per partition) and the clock. */
  public String position(Map<Integer, Long> nextOffsets, Instant engineClock) {
    nextOffsets.forEach((p, o) -> offsets.merge(p, o, Math::max));
    if (engineClock != null) {
      clock = engineClock.toEpochMilli();
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    if (clock != null) {
      o.put("clock", clock);
    }
    ObjectNode offs = o.putObject("offsets");
    offsets.forEach((p, off) -> offs.put(String.valueOf(p), off));
    return Json.write(o);
  }

  private void readPosition(String value) {
    JsonNode n = tree(value);
    clock = n.hasNonNull("clock") ? n.get("clock").asLong() : null;
    n.path("offsets")
        .fields()
        .forEachRemaining(e -> offsets.put(Integer.parseInt(e.getKey()), e.getValue().asLong()));
  }

  /**
   * The record value; without {@code full} (no value, no annotations, which may quote the value) it
   * is the form changes are detected on.
   */
  static String encode(SavedAlert s, boolean full) {
    ActiveAlert a = s.alert();
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("rule", s.ruleKey()).put("fingerprint", s.fingerprint()).put("expr", s.expr());
    ObjectNode labels = o.putObject("labels");
    a.labels().asMap().forEach(labels::put);
    if (full) {
      ObjectNode annotations = o.putObject("annotations");
      new TreeMap<>(a.annotations()).forEach(annotations::put);
    }
    o.put("state", a.state().wire()).put("activeAt", a.activeAt().toEpochMilli());
    putTime(o, "firedAt", a.firedAt());
    putTime(o, "keepFiringSince", a.keepFiringSince());
    if (full && Double.isFinite(a.value())) {
      o.put("value", a.value());
    }
    return Json.write(o);
  }

  static SavedAlert decode(String key, String value) {
    JsonNode n = tree(value);
    Map<String, String> labels = new TreeMap<>();
    n.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    Map<String, String> annotations = new TreeMap<>();
    n.path("annotations")
        .fields()
        .forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
    AlertState state =
        "firing".equals(n.path("state").asText()) ? AlertState.FIRING : AlertState.PENDING;
    ActiveAlert a =
        new ActiveAlert(
            Labels.of(labels),
            annotations,
            state,
            Instant.ofEpochMilli(n.path("activeAt").asLong()),
            time(n, "firedAt"),
            time(n, "keepFiringSince"),
            n.path("value").asDouble(Double.NaN));
    String rule =
        n.hasNonNull("rule")
            ? n.get("rule").asText()
            : key.substring(ALERT_PREFIX.length()).split("/")[0];
    return new SavedAlert(rule, n.path("fingerprint").asText(""), n.path("expr").asText(""), a);
  }

  /** The record key of an alert, as {@link #changes} writes it. */
  public static String key(SavedAlert a) {
    return ALERT_PREFIX + a.key();
  }

  private static void putTime(ObjectNode o, String field, Instant t) {
    if (t != null) {
      o.put(field, t.toEpochMilli());
    }
  }

  private static Instant time(JsonNode n, String field) {
    return n.hasNonNull(field) ? Instant.ofEpochMilli(n.get(field).asLong()) : null;
  }

  private static JsonNode tree(String value) {
    try {
      return Json.MAPPER.readTree(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "unreadable checkpoint record: " + e.getOriginalMessage(), e);
    }
  }
}
