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
    List<AlertRow> inserted = new ArrayList<>();
    List<AlertRow> updated = new ArrayList<>();
    List<Tracked> rewritten = new ArrayList<>();
    for (Tracked t : fresh) {
      allRows(t, inserted);
    }
    for (Tracked t : changed) {
      if (!changedRows(t, inserted, updated)) {
        rewritten.add(t);
        allRows(t, inserted);
      }
    }
    deleteAlerts(c, rewritten);
    updateAlerts(c, updated);
    insertAlerts(c, inserted);
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

  /** One row of {@code incident_alert}: the alert at position {@code order} of an incident. */
  private record AlertRow(Tracked incident, int order, IncidentAlert alert) {}

  private static void allRows(Tracked t, List<AlertRow> rows) {
    List<IncidentAlert> alerts = t.current.alerts();
    for (int k = 0; k < alerts.size(); k++) {
      rows.add(new AlertRow(t, k, alerts.get(k)));
    }
  }

  /**
   * The rows of a stored incident's alerts that changed: alerts replaced in place are updated,
   * those appended inserted, so an event costs a row, not a rewrite of every alert the incident
   * holds (issue 13: an alert storm's one incident grew to 10 000 alerts, rewritten at every poll).
   * False when the alerts were reordered or removed: the caller rewrites them all.
   */
  private static boolean changedRows(Tracked t, List<AlertRow> inserted, List<AlertRow> updated) {
    List<IncidentAlert> before = t.stored.alerts();
    List<IncidentAlert> after = t.current.alerts();
    if (after.size() < before.size()) {
      return false;
    }
    int first = updated.size();
    for (int k = 0; k < before.size(); k++) {
      IncidentAlert was = before.get(k);
      IncidentAlert is = after.get(k);
      if (was == is) {
        continue;
      }
      if (!was.fingerprint().equals(is.fingerprint())) {
        updated.subList(first, updated.size()).clear();
        return false;
      }
      if (!was.equals(is)) {
        updated.add(new AlertRow(t, k, is));
      }
    }
    for (int k = before.size(); k < after.size(); k++) {
      inserted.add(new AlertRow(t, k, after.get(k)));
    }
    return true;
  }

  private static void updateAlerts(Connection c, List<AlertRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE incident_alert SET alert_order = ?, status = ?, labels = ?, annotations = ?, "
                + "starts_at = ?, ends_at = ? WHERE incident_id = ? AND fingerprint = ?")) {
      for (AlertRow row : rows) {
        IncidentAlert a = row.alert();
        p.setInt(1, row.order());
        p.setString(2, a.status().wire());
        p.setString(3, json(a.labels().asMap()));
        p.setString(4, json(new TreeMap<>(a.annotations())));
        p.setObject(5, time(a.startsAt()));
        p.setObject(6, time(a.endsAt()));
        p.setLong(7, row.incident().id());
        p.setString(8, a.fingerprint());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private static void insertAlerts(Connection c, List<AlertRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO incident_alert (incident_id, fingerprint, alert_order, status, labels, "
                + "annotations, starts_at, ends_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (AlertRow row : rows) {
        IncidentAlert a = row.alert();
        p.setLong(1, row.incident().id());
        p.setString(2, a.fingerprint());
        p.setInt(3, row.order());
        p.setString(4, a.status().wire());
        p.setString(5, json(a.labels().asMap()));
        p.setString(6, json(new TreeMap<>(a.annotations())));
        p.setObject(7, time(a.startsAt()));
        p.setObject(8, time(a.endsAt()));
        p.addBatch();
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
