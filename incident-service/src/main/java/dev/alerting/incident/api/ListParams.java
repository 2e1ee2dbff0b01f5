package dev.alerting.incident.api;

import dev.alerting.incident.lifecycle.IncidentStatus;
import dev.alerting.incident.store.IncidentQuery;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the listing's query parameters: {@code status} and {@code severity} (repeatable or
 * comma-separated, any of them matches), {@code assignee}, {@code label=name:value} (repeatable,
 * all must match), {@code limit} (1..500, default 50) and {@code offset} (default 0).
 */
final class ListParams {
  /** The parsed query, or the errors, one per bad parameter value. */
  record Parsed(IncidentQuery query, List<JsonObject> errors) {}

  private ListParams() {}

  static Parsed parse(MultiMap params) {
    List<JsonObject> errors = new ArrayList<>();
    List<IncidentStatus> statuses = new ArrayList<>();
    for (String s : values(params, "status")) {
      try {
        statuses.add(IncidentStatus.fromWire(s));
      } catch (IllegalArgumentException e) {
        errors.add(error("status", "'" + s + "' is not one of open, acknowledged, resolved"));
      }
    }
    List<String> severities = values(params, "severity");
    String assignee = params.get("assignee");
    if (assignee != null && assignee.isBlank()) {
      errors.add(error("assignee", "must not be empty"));
    }
    List<IncidentQuery.LabelFilter> labels = new ArrayList<>();
    for (String l : params.getAll("label")) {
      int colon = l.indexOf(':');
      if (colon <= 0) {
        errors.add(error("label", "'" + l + "' is not name:value"));
      } else {
        labels.add(new IncidentQuery.LabelFilter(l.substring(0, colon), l.substring(colon + 1)));
      }
    }
    int limit =
        integer(params, "limit", IncidentQuery.DEFAULT_LIMIT, 1, IncidentQuery.MAX_LIMIT, errors);
    int offset = integer(params, "offset", 0, 0, Integer.MAX_VALUE, errors);
    if (!errors.isEmpty()) {
      return new Parsed(null, errors);
    }
    return new Parsed(
        new IncidentQuery(statuses, severities, assignee, labels, limit, offset), List.of());
  }

  private static List<String> values(MultiMap params, String name) {
    List<String> out = new ArrayList<>();
    for (String v : params.getAll(name)) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  private static int integer(
      MultiMap params, String name, int def, int min, int max, List<JsonObject> errors) {
    String v = params.get(name);
    if (v == null) {
      return def;
    }
    try {
      int i = Integer.parseInt(v.trim());
      if (i >= min && i <= max) {
        return i;
      }
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    errors.add(
        error(
            name,
            "'"
                + v
                + "' is not an integer in "
                + min
                + ".."
                + (max == Integer.MAX_VALUE ? "" : max)));
    return def;
  }

  static JsonObject error(String parameter, String reason) {
    return new JsonObject().put("parameter", parameter).put("reason", reason);
  }
}
