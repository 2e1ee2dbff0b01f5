package dev.alerting.incident.store;

import static dev.alerting.incident.store.IncidentRows.time;

import dev.alerting.incident.lifecycle.Incident;
import dev.alerting.incident.lifecycle.IncidentStatus;
import dev.alerting.incident.lifecycle.TimelineEntry;
import dev.alerting.platform.codec.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The change feed: one row per incident change, written with the change. */
final class EventRows {
  private EventRows() {}

  /** A change for the feed: its incident (id known once stored), type and state after it. */
  record Change(Tracked incident, String type, Incident after, Instant at) {}

  /**
   * Records what {@code before → after} was (before null: created), stamped with the wall clock.
   */
  static void record(Connection c, Incident before, Incident after) throws SQLException {
    insert(
        c, List.of(new Change(Tracked.loaded(after), type(before, after), after, Instant.now())));
  }

  /** Writes feed rows in the order given, so their sequence numbers follow it. */
  static void insert(Connection c, List<Change> changes) throws SQLException {
    if (changes.isEmpty()) {
      return;
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO incident_event (incident_id, event_type, occurred_at, payload) "
                + "VALUES (?, ?, ?, ?)")) {
      for (Change ch : changes) {
        Incident after = ch.after();
        long id = ch.incident().id();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", Long.toString(id));
        data.put("type", ch.type());
        data.put("status", after.status().wire());
        data.put("severity", after.severity());
        data.put("title", after.title());
        data.put("assignee", after.assignee());
        data.put("at", ch.at().toString());
        p.setLong(1, id);
        p.setString(2, ch.type());
        p.setObject(3, time(ch.at()));
        p.setString(4, Json.write(data));
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  static String type(Incident before, Incident after) {
    if (before == null) {
      return "created";
    }
    if (before.status() != after.status()) {
      if (after.status() == IncidentStatus.ACKNOWLEDGED) {
        return "acknowledged";
      }
      if (after.status() == IncidentStatus.RESOLVED) {
        return "resolved";
      }
    }
    boolean escalated =
        after.timeline().subList(before.timeline().size(), after.timeline().size()).stream()
            .anyMatch(e -> e.type().equals(TimelineEntry.ESCALATED));
    return escalated ? "escalated" : "updated";
  }

  static List<IncidentEvent> after(Connection c, long seq, int limit) throws SQLException {
    List<IncidentEvent> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT seq, incident_id, event_type, occurred_at, payload FROM incident_event "
                + "WHERE seq > ? ORDER BY seq LIMIT ?")) {
      p.setLong(1, seq);
      p.setInt(2, limit);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(
              new IncidentEvent(
                  r.getLong(1),
                  r.getLong(2),
                  r.getString(3),
                  r.getObject(4, OffsetDateTime.class).toInstant(),
                  r.getString(5)));
        }
      }
    }
    return out;
  }

  static long last(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT MAX(seq) FROM incident_event");
        ResultSet r = p.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }
}
