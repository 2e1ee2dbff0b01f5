package dev.alerting.incident.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.alerting.incident.lifecycle.Incident;
import dev.alerting.incident.lifecycle.IncidentAlert;
import dev.alerting.incident.lifecycle.IncidentStatus;
import dev.alerting.incident.lifecycle.TimelineEntry;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.platform.codec.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads and writes incidents as rows of the four incident tables. */
final class IncidentRows {
  private static final String COLUMNS =
      "id, title, status, severity, labels, assignee, created_at, acknowledged_at, resolved_at";
  private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {};

  private IncidentRows() {}

  /** Loads one incident; {@code lock} takes a row lock until the transaction ends. */
  static Optional<Incident> load(Connection c, long id, boolean lock) throws SQLException {
    return load(c, id, lock ? " FOR UPDATE" : "");
  }

  /** Loads and locks one incident, or answers empty when another transaction holds it. */
  static Optional<Incident> loadSkipLocked(Connection c, long id) throws SQLException {
    return load(c, id, " FOR UPDATE SKIP LOCKED");
  }

  private static Optional<Incident> load(Connection c, long id, String lock) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM incident WHERE id = ?" + lock;
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, id);
      Incident bare;
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        bare = incident(r, List.of(), List.of());
      }
      return Optional.of(loadMany(c, List.of(bare)).get(0));
    }
  }

  /**
   * Loads and locks the incidents with these ids, in id order (two batches lock in the same order,
   * so they cannot deadlock); {@code skipLocked} leaves out those another transaction holds.
   */
  static List<Incident> lockAll(Connection c, java.util.Collection<Long> ids, boolean skipLocked)
      throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM incident WHERE id = ANY(?) ORDER BY id FOR UPDATE"
            + (skipLocked ? " SKIP LOCKED" : "");
    List<Incident> bare = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setArray(1, Dialect.longs(c, ids));
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          bare.add(incident(r, List.of(), List.of()));
        }
      }
    }
    return bare.isEmpty() ? List.of() : loadMany(c, bare);
  }

  /** Incidents by id, in the order of {@code ids}. */
  static List<Incident> loadAll(Connection c, List<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    String sql = "SELECT " + COLUMNS + " FROM incident WHERE id IN (" + marks(ids.size()) + ")";
    Map<Long, Incident> byId = new LinkedHashMap<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      bindLongs(p, 1, ids);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          Incident i = incident(r, List.of(), List.of());
          byId.put(i.id(), i);
        }
      }
    }
    List<Incident> ordered = new ArrayList<>();
    ids.stream().map(byId::get).filter(i -> i != null).forEach(ordered::add);
    return loadMany(c, ordered);
  }

  /** Fills in alerts and timeline of bare incidents with two queries for all of them. */
  private static List<Incident> loadMany(Connection c, List<Incident> bare) throws SQLException {
    List<Long> ids = bare.stream().map(Incident::id).toList();
    Map<Long, List<IncidentAlert>> alerts = new java.util.HashMap<>();
    Map<Long, List<TimelineEntry>> timeline = new java.util.HashMap<>();
    String in = "(" + marks(ids.size()) + ")";
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT incident_id, fingerprint, status, labels, annotations, starts_at, ends_at "
                + "FROM incident_alert WHERE incident_id IN "
                + in
                + " ORDER BY incident_id, alert_order")) {
      bindLongs(p, 1, ids);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          alerts
              .computeIfAbsent(r.getLong(1), k -> new ArrayList<>())
              .add(
                  new IncidentAlert(
                      r.getString(2),
                      AlertStatus.fromWire(r.getString(3)),
                      Labels.of(map(r.getString(4))),
                      map(r.getString(5)),
                      instant(r, 6),
                      instant(r, 7)));
        }
      }
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT incident_id, occurred_at, entry_type, actor, message FROM incident_timeline "
                + "WHERE incident_id IN "
                + in
                + " ORDER BY incident_id, seq")) {
      bindLongs(p, 1, ids);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          timeline
              .computeIfAbsent(r.getLong(1), k -> new ArrayList<>())
              .add(
                  new TimelineEntry(instant(r, 2), r.getString(3), r.getString(4), r.getString(5)));
        }
      }
    }
    List<Incident> out = new ArrayList<>();
    for (Incident i : bare) {
      out.add(
          new Incident(
              i.id(),
              i.title(),
              i.status(),
              i.severity(),
              i.labels(),
              alerts.getOrDefault(i.id(), List.of()),
              timeline.getOrDefault(i.id(), List.of()),
              i.createdAt(),
              i.acknowledgedAt(),
              i.resolvedAt(),
              i.assignee()));
    }
    return out;
  }

  /** Saves what a change did to {@code before}: status fields, alerts, new timeline entries. */
  static void update(Connection c, Incident before, Incident after) throws SQLException {
    // Updates never insert incidents, so the dialect is not consulted.
    IncidentWrites writes = new IncidentWrites(Dialect.POSTGRES);
    Tracked t = writes.track(Tracked.loaded(before));
    t.current = after;
    writes.changed(t, before, after);
    writes.flush(c);
  }

  static boolean ping(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT 1")) {
      return r.next();
    }
  }

  private static Incident incident(
      ResultSet r, List<IncidentAlert> alerts, List<TimelineEntry> timeline) throws SQLException {
    return new Incident(
        r.getLong("id"),
        r.getString("title"),
        IncidentStatus.fromWire(r.getString("status")),
        r.getString("severity"),
        Labels.of(map(r.getString("labels"))),
        alerts,
        timeline,
        instant(r, "created_at"),
        instant(r, "acknowledged_at"),
        instant(r, "resolved_at"),
        r.getString("assignee"));
  }

  static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  static void bindLongs(PreparedStatement p, int first, List<Long> values) throws SQLException {
    for (int k = 0; k < values.size(); k++) {
      p.setLong(first + k, values.get(k));
    }
  }

  static OffsetDateTime time(Instant t) {
    return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet r, String column) throws SQLException {
    OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static String json(Map<String, String> m) {
    try {
      return Json.MAPPER.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a string map", e);
    }
  }

  private static Map<String, String> map(String json) {
    try {
      return Json.MAPPER.readValue(json, STRING_MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt JSON in the incident database: " + json, e);
    }
  }
}
