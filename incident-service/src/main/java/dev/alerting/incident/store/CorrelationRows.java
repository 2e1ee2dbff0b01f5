package dev.alerting.incident.store;

import static dev.alerting.incident.store.IncidentRows.time;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What correlating an alert event needs from the database: whether the event was applied before,
 * the latest incident holding its fingerprint or of its group, and merges.
 */
final class CorrelationRows {
  private CorrelationRows() {}

  /** Remembers an applied event; false when it was applied before. */
  static boolean recordEvent(Connection c, String key, String fingerprint, Instant now)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO alert_event (event_key, fingerprint, applied_at) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING")) {
      p.setString(1, key);
      p.setString(2, fingerprint);
      p.setObject(3, time(now));
      return p.executeUpdate() == 1;
    }
  }

  /**
   * The newest incident holding this alert fingerprint, resolved or not; an incident merged into
   * another no longer counts (its alerts live on in the other).
   */
  static Optional<Long> latestWith(Connection c, String fingerprint) throws SQLException {
    // Two single-table lookups rather than a join: on fresh tables (no statistics yet) PostgreSQL
    // planned the join as a scan of every incident, which made each new alert slower than the last.
    List<Long> candidates = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT incident_id FROM incident_alert WHERE fingerprint = ? "
                + "ORDER BY fingerprint DESC, incident_id DESC")) {
      p.setString(1, fingerprint);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          candidates.add(r.getLong(1));
        }
      }
    }
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    try (PreparedStatement p =
        c.prepareStatement("SELECT merged_into FROM incident WHERE id = ?")) {
      for (long id : candidates) {
        p.setLong(1, id);
        try (ResultSet r = p.executeQuery()) {
          if (r.next() && r.getObject(1) == null) {
            return Optional.of(id);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The newest incident of an alert group that was not merged away. */
  static Optional<Long> latestInGroup(Connection c, String groupKey) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT id FROM incident WHERE group_key = ? AND merged_into IS NULL "
                + "ORDER BY group_key DESC, id DESC LIMIT 1")) {
      p.setString(1, groupKey);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
      }
    }
  }

  static void markMerged(Connection c, long id, long into) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("UPDATE incident SET merged_into = ? WHERE id = ?")) {
      p.setLong(1, into);
      p.setLong(2, id);
      p.executeUpdate();
    }
  }
}
