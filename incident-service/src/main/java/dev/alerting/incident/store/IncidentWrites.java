package dev.alerting.incident.store;

import static dev.alerting.incident.store.IncidentRows.json;
import static dev.alerting.incident.store.IncidentRows.time;

import dev.alerting.incident.escalation.DueStep;
import dev.alerting.incident.lifecycle.Bounds;
import dev.alerting.incident.lifecycle.Incident;
import dev.alerting.incident.lifecycle.IncidentAlert;
import dev.alerting.incident.lifecycle.TimelineEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Saves what a batch did to its incidents with one statement per table (JDBC batches, which the
 * PostgreSQL driver sends as multi-row INSERTs): new incidents with their labels, alerts and
 * timelines, changed incidents, escalation (re)starts and change-feed rows in the order the batch
 * made the changes. Statement count per flush does not grow with the number of incidents.
 */
final class IncidentWrites {
  private static final String INSERT_INCIDENT =
      "INSERT INTO incident (title, status, severity, labels, assignee, created_at, "
          + "acknowledged_at, resolved_at, group_key";

  private final Dialect dialect;
  private final List<Tracked> tracked = new ArrayList<>();
  private final List<EventRows.Change> feed = new ArrayList<>();

  IncidentWrites(Dialect dialect) {
    this.dialect = dialect;
  }

  /** Takes part in the next flush. */
  Tracked track(Tracked t) {
    tracked.add(t);
    return t;
  }

  /** Notes a change for the change feed ({@code before} null: created). */
  void changed(Tracked t, Incident before, Incident after) {
    feed.add(new EventRows.Change(t, EventRows.type(before, after), after, Instant.now()));
  }

  /** Writes everything tracked; afterwards every tracked incident is stored as it is now. */
  void flush(Connection c) throws SQLException {
    List<Tracked> fresh = tracked.stream().filter(Tracked::isNew).toList();
    List<Tracked> changed = tracked.stream().filter(t -> !t.isNew() && t.isDirty()).toList();
    // Updates first: an incident resolved in this batch frees its group (open_group_key) for a
    // new incident of the same group inserted in the same flush.
    updateIncidents(c, changed);
    insertIncidents(c, fresh);
    insertLabels(c, fresh);
    List<Tracked> realerted =
        changed.stream().filter(t -> !t.stored.alerts().equals(t.current.alerts())).toList();
    deleteAlerts(c, realerted);
    List<Tracked> withAlerts = new ArrayList<>(fresh);
    withAlerts.addAll(realerted);
    insertAlerts(c, withAlerts);
    insertTimeline(c, tracked);
    restartEscalations(c);
    EventRows.insert(c, feed);
    feed.clear();
    for (Tracked t : tracked) {
      t.stored = t.current;
      t.restart = null;
    }
  }

  private void insertIncidents(Connection c, List<Tracked> fresh) throws SQLException {
    if (fresh.isEmpty()) {
      return;
    }
    if (dialect == Dialect.H2) {
      try (PreparedStatement p =
          c.prepareStatement(
              INSERT_INCIDENT + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
        for (Tracked t : fresh) {
          bindIncident(p, t, 1);
          p.executeUpdate();
          try (ResultSet keys = p.getGeneratedKeys()) {
            keys.next();
            t.current = t.current.withId(keys.getLong(1));
          }
        }
      }
      return;
    }
    List<Long> ids = dialect.nextIncidentIds(c, fresh.size());
    try (PreparedStatement p =
        c.prepareStatement(INSERT_INCIDENT + ", id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int k = 0; k < fresh.size(); k++) {
        Tracked t = fresh.get(k);
        t.current = t.current.withId(ids.get(k));
        bindIncident(p, t, 1);
        p.setLong(10, ids.get(k));
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private static void bindIncident(PreparedStatement p, Tracked t, int first) throws SQLException {
    Incident i = t.current;
    p.setString(first, i.title());
    p.setString(first + 1, i.status().wire());
    p.setString(first + 2, i.severity());
    p.setString(first + 3, json(i.labels().asMap()));
    p.setString(first + 4, i.assignee());
    p.setObject(first + 5, time(i.createdAt()));
    p.setObject(first + 6, time(i.acknowledgedAt()));
    p.setObject(first + 7, time(i.resolvedAt()));
    p.setString(first + 8, t.groupKey);
  }

  private static void updateIncidents(Connection c, List<Tracked> changed) throws SQLException {
    if (changed.isEmpty()) {
      return;
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE incident SET title = ?, status = ?, severity = ?, assignee = ?, "
                + "acknowledged_at = ?, resolved_at = ? WHERE id = ?")) {
      for (Tracked t : changed) {
        Incident after = t.current;
        p.setString(1, after.title());
        p.setString(2, after.status().wire());
        p.setString(3, after.severity());
        p.setString(4, after.assignee());
        p.setObject(5, time(after.acknowledgedAt()));
        p.setObject(6, time(after.resolvedAt()));
        p.setLong(7, after.id());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private static void insertLabels(Connection c, List<Tracked> fresh) throws SQLException {
    if (fresh.isEmpty()) {
      return;
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO incident_label (incident_id, label_name, label_value) VALUES (?, ?, ?)")) {
      for (Tracked t : fresh) {
        for (Map.Entry<String, String> l : t.current.labels().asMap().entrySet()) {
          p.setLong(1, t.id());
          // The filter table holds a cut value; the incident's labels keep the whole one.
          p.setString(2, Bounds.cut(l.getKey(), Bounds.NAME));
          p.setString(3, Bounds.cut(l.getValue(), Bounds.LABEL_VALUE));
          p.addBatch();
        }
      }
      p.executeBatch();
    }
  }

  private static void deleteAlerts(Connection c, List<Tracked> realerted) throws SQLException {
    if (realerted.isEmpty()) {
      return;
    }
    try (PreparedStatement p =
        c.prepareStatement("DELETE FROM incident_alert WHERE incident_id = ANY(?)")) {
      p.setArray(1, Dialect.longs(c, realerted.stream().map(Tracked::id).toList()));
      p.executeUpdate();
    }
  }

  private static void insertAlerts(Connection c, List<Tracked> incidents) throws SQLException {
    if (incidents.isEmpty()) {
      return;
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO incident_alert (incident_id, fingerprint, alert_order, status, labels, "
                + "annotations, starts_at, ends_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Tracked t : incidents) {
        int order = 0;
        for (IncidentAlert a : t.current.alerts()) {
          p.setLong(1, t.id());
          p.setString(2, a.fingerprint());
          p.setInt(3, order++);
          p.setString(4, a.status().wire());
          p.setString(5, json(a.labels().asMap()));
          p.setString(6, json(new TreeMap<>(a.annotations())));
          p.setObject(7, time(a.startsAt()));
          p.setObject(8, time(a.endsAt()));
          p.addBatch();
        }
      }
      p.executeBatch();
    }
  }

  /** Appends the timeline entries each incident gained since it was stored. */
  private static void insertTimeline(Connection c, List<Tracked> incidents) throws SQLException {
    int rows = 0;
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO incident_timeline (incident_id, seq, occurred_at, entry_type, actor, "
                + "message) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (Tracked t : incidents) {
        List<TimelineEntry> all = t.current.timeline();
        int known = t.isNew() ? 0 : t.stored.timeline().size();
        for (int seq = known; seq < all.size(); seq++) {
          TimelineEntry e = all.get(seq);
          p.setLong(1, t.id());
          p.setInt(2, seq);
          p.setObject(3, time(e.at()));
          p.setString(4, e.type());
          p.setString(5, e.actor());
          p.setString(6, e.message());
          p.addBatch();
          rows++;
        }
      }
      if (rows > 0) {
        p.executeBatch();
      }
    }
  }

  private void restartEscalations(Connection c) throws SQLException {
    List<EscalationRows.Row> rows = new ArrayList<>();
    List<Long> replaced = new ArrayList<>();
    for (Tracked t : tracked) {
      if (t.restart == null) {
        continue;
      }
      DueStep first = t.restart.due(0, t.restartAt).orElseThrow();
      rows.add(new EscalationRows.Row(t.id(), t.restart.name(), t.restartAt, 0, first.dueAt()));
      if (!t.isNew()) {
        replaced.add(t.id());
      }
    }
    EscalationRows.deleteAll(c, replaced);
    EscalationRows.insertAll(c, rows);
  }
}
