package dev.alerting.incident.store;

import static dev.alerting.incident.store.IncidentRows.time;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The escalation table: one running chain per incident, its next position and due time. */
final class EscalationRows {
  /** A running escalation as stored. */
  record Row(long incidentId, String policy, Instant startedAt, int position, Instant dueAt) {}

  private EscalationRows() {}

  static void insert(Connection c, Row r) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO escalation (incident_id, policy, started_at, position, due_at) "
                + "VALUES (?, ?, ?, ?, ?)")) {
      p.setLong(1, r.incidentId());
      p.setString(2, r.policy());
      p.setObject(3, time(r.startedAt()));
      p.setInt(4, r.position());
      p.setObject(5, time(r.dueAt()));
      p.executeUpdate();
    }
  }

  static void insertAll(Connection c, List<Row> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO escalation (incident_id, policy, started_at, position, due_at) "
                + "VALUES (?, ?, ?, ?, ?)")) {
      for (Row r : rows) {
        p.setLong(1, r.incidentId());
        p.setString(2, r.policy());
        p.setObject(3, time(r.startedAt()));
        p.setInt(4, r.position());
        p.setObject(5, time(r.dueAt()));
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  static void deleteAll(Connection c, List<Long> incidentIds) throws SQLException {
    if (incidentIds.isEmpty()) {
      return;
    }
    try (PreparedStatement p =
        c.prepareStatement("DELETE FROM escalation WHERE incident_id = ANY(?)")) {
      p.setArray(1, Dialect.longs(c, incidentIds));
      p.executeUpdate();
    }
  }

  /** Moves each chain to its row's position and due time. */
  static void advanceAll(Connection c, List<Row> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE escalation SET position = ?, due_at = ? WHERE incident_id = ?")) {
      for (Row r : rows) {
        p.setInt(1, r.position());
        p.setObject(2, time(r.dueAt()));
        p.setLong(3, r.incidentId());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /**
   * Locks and answers up to {@code limit} escalations due at {@code now}, skipping rows another
   * transaction holds: two instances (or a slow tick and the next) never fire the same step.
   */
  static List<Row> claimDue(Connection c, Instant now, int limit) throws SQLException {
    List<Row> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT incident_id, policy, started_at, position, due_at FROM escalation "
                + "WHERE due_at <= ? ORDER BY due_at, incident_id LIMIT ? FOR UPDATE SKIP LOCKED")) {
      p.setObject(1, time(now));
      p.setInt(2, limit);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(row(r));
        }
      }
    }
    return out;
  }

  /** The incident's escalation, locked (waits for a tick that holds it). */
  static Optional<Row> lock(Connection c, long incidentId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT incident_id, policy, started_at, position, due_at FROM escalation "
                + "WHERE incident_id = ? FOR UPDATE")) {
      p.setLong(1, incidentId);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    }
  }

  static void advance(Connection c, long incidentId, int position, Instant dueAt)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE escalation SET position = ?, due_at = ? WHERE incident_id = ?")) {
      p.setInt(1, position);
      p.setObject(2, time(dueAt));
      p.setLong(3, incidentId);
      p.executeUpdate();
    }
  }

  static boolean delete(Connection c, long incidentId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM escalation WHERE incident_id = ?")) {
      p.setLong(1, incidentId);
      return p.executeUpdate() == 1;
    }
  }

  private static Row row(ResultSet r) throws SQLException {
    return new Row(
        r.getLong(1),
        r.getString(2),
        r.getObject(3, OffsetDateTime.class).toInstant(),
        r.getInt(4),
        r.getObject(5, OffsetDateTime.class).toInstant());
  }
}
