package dev.alerting.notify.silence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.model.Matcher;
import dev.alerting.platform.codec.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Alertmanager's silence JSON: {@code gettableSilence} (API answers and the value on the silences
 * topic) and {@code postableSilence} (requests). Times are written as Alertmanager writes them: UTC
 * with milliseconds.
 */
public final class SilenceCodec {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Extra field: names of {@code time_intervals} a recurring silence mutes in. */
  public static final String TIME_INTERVALS = "timeIntervals";

  /** Extra field: expire once every alert the silence matched has resolved. */
  public static final String UNTIL_RESOLVED = "untilResolved";

  private SilenceCodec() {}

  /** A request field that is missing or of the wrong type: Alertmanager answers these 422. */
  public static final class SchemaException extends RuntimeException {
    private final int code;

    SchemaException(int code, String message) {
      super(message);
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  public static String time(Instant t) {
    return TIME.format(t.truncatedTo(ChronoUnit.MILLIS));
  }

  public static Instant parseTime(String field, String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new SchemaException(
          602, field + " in body must be of type date-time: \"" + text + "\"");
    }
  }

  /** The silence with its lifecycle state (the topic's value). */
  public static ObjectNode toJson(Silence s, Instant now) {
    return toJson(s, s.state(now));
  }

  /**
   * A {@code gettableSilence} with the given state; the extras are extra fields, written only when
   * set, so a plain silence is exactly Alertmanager's JSON.
   */
  public static ObjectNode toJson(Silence s, SilenceState state) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("id", s.id());
    n.putObject("status").put("state", state.wire());
    n.put("updatedAt", time(s.updatedAt()));
    n.put("comment", s.comment());
    n.put("createdBy", s.createdBy());
    n.put("endsAt", time(s.endsAt()));
    ArrayNode ms = n.putArray("matchers");
    for (Matcher m : s.matchers()) {
      boolean regex = m.type() == Matcher.Type.RE || m.type() == Matcher.Type.NRE;
      boolean equal = m.type() == Matcher.Type.EQ || m.type() == Matcher.Type.RE;
      ms.addObject()
          .put("isEqual", equal)
          .put("isRegex", regex)
          .put("name", m.name())
          .put("value", m.value());
    }
    n.put("startsAt", time(s.startsAt()));
    if (s.extras().recurring()) {
      ArrayNode names = n.putArray(TIME_INTERVALS);
      s.extras().timeIntervals().forEach(names::add);
    }
    if (s.extras().untilResolved()) {
      n.put(UNTIL_RESOLVED, true);
    }
    return n;
  }

  /** The extras of a silence or request; type errors are schema errors (422). */
  private static SilenceExtras extras(JsonNode n) {
    List<String> names = new ArrayList<>();
    JsonNode ti = n.path(TIME_INTERVALS);
    if (!ti.isMissingNode() && !ti.isNull()) {
      if (!ti.isArray()) {
        throw new SchemaException(602, TIME_INTERVALS + " in body must be of type array");
      }
      for (int i = 0; i < ti.size(); i++) {
        if (!ti.get(i).isTextual()) {
          throw new SchemaException(
              602, TIME_INTERVALS + "." + i + " in body must be of type string");
        }
        names.add(ti.get(i).asText());
      }
    }
    JsonNode ur = n.path(UNTIL_RESOLVED);
    if (!ur.isMissingNode() && !ur.isNull() && !ur.isBoolean()) {
      throw new SchemaException(602, UNTIL_RESOLVED + " in body must be of type boolean");
    }
    try {
      return new SilenceExtras(names, ur.asBoolean(false));
    } catch (IllegalArgumentException e) {
      throw new SilenceException(e.getMessage(), false);
    }
  }

  /** The topic value back into a silence (written by {@link #toJson}, so trusted). */
  public static Silence decode(String json) {
    try {
      JsonNode n = Json.MAPPER.readTree(json);
      return new Silence(
          n.path("id").asText(),
          matchers(n),
          parseTime("startsAt", n.path("startsAt").asText()),
          parseTime("endsAt", n.path("endsAt").asText()),
          parseTime("updatedAt", n.path("updatedAt").asText()),
          n.path("createdBy").asText(""),
          n.path("comment").asText(""),
          extras(n));
    } catch (IOException e) {
      throw new IllegalArgumentException("silence record is not JSON: " + e.getMessage(), e);
    }
  }

  /**
   * A {@code postableSilence}; missing required fields are {@link SchemaException}s with the
   * message Alertmanager's OpenAPI validation gives.
   */
  public static SilenceRequest request(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new SchemaException(400, "the body must be a JSON object");
    }
    for (String f : List.of("comment", "createdBy", "endsAt", "matchers", "startsAt")) {
      if (!n.hasNonNull(f)) {
        throw new SchemaException(602, f + " in body is required");
      }
    }
    if (!n.get("matchers").isArray() || n.get("matchers").isEmpty()) {
      throw new SchemaException(612, "matchers in body should have at least 1 items");
    }
    String id = n.path("id").asText("");
    return new SilenceRequest(
        id.isEmpty() ? Optional.empty() : Optional.of(id),
        matchers(n),
        parseTime("startsAt", n.get("startsAt").asText()),
        parseTime("endsAt", n.get("endsAt").asText()),
        n.get("createdBy").asText(),
        n.get("comment").asText(),
        extras(n));
  }

  private static List<Matcher> matchers(JsonNode n) {
    List<Matcher> out = new ArrayList<>();
    JsonNode ms = n.path("matchers");
    for (int i = 0; i < ms.size(); i++) {
      JsonNode m = ms.get(i);
      for (String f : List.of("isRegex", "name", "value")) {
        if (!m.hasNonNull(f)) {
          throw new SchemaException(602, "matchers." + i + "." + f + " in body is required");
        }
      }
      boolean regex = m.get("isRegex").asBoolean();
      boolean equal = m.path("isEqual").asBoolean(true);
      Matcher.Type type =
          regex
              ? (equal ? Matcher.Type.RE : Matcher.Type.NRE)
              : (equal ? Matcher.Type.EQ : Matcher.Type.NEQ);
      String name = m.get("name").asText();
      try {
        out.add(Matcher.of(name, type, m.get("value").asText()));
      } catch (IllegalArgumentException e) {
        throw new SilenceException(
            "silence invalid: invalid label matcher " + i + ": " + e.getMessage(), false);
      }
    }
    return out;
  }
}
