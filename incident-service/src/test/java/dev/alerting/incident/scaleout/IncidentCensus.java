package dev.alerting.incident.scaleout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts read straight from the incident database (not through an instance's API, which a test may
 * have just killed): incidents per alert group, holders per alert, escalation lines and pages per
 * incident. Each call opens its own connection.
 */
final class IncidentCensus {
  private final String url;
  private final String user;

  IncidentCensus(String url, String user) {
    this.url = url;
    this.user = user;
  }

  /** Per value of the {@code group} label, how many incidents (not merged away) it has. */
  Map<String, Integer> incidentsPerGroup() {
    return counts(
        "SELECT l.label_value, COUNT(*) FROM incident i JOIN incident_label l "
            + "ON l.incident_id = i.id AND l.label_name = 'group' "
            + "WHERE i.merged_into IS NULL GROUP BY l.label_value");
  }

  /** Per alert fingerprint, how many incidents hold it. */
  Map<String, Integer> holdersPerAlert() {
    return counts("SELECT fingerprint, COUNT(*) FROM incident_alert GROUP BY fingerprint");
  }

  /** Per alert status (firing, resolved), how many alerts incidents hold with it. */
  Map<String, Integer> alertsByStatus() {
    return counts("SELECT status, COUNT(*) FROM incident_alert GROUP BY status");
  }

  /** Per incident status, how many incidents. */
  Map<String, Integer> incidentsByStatus() {
    return counts("SELECT status, COUNT(*) FROM incident GROUP BY status");
  }

  /** Per incident id, how many timeline lines of {@code type} it has. */
  Map<String, Integer> entriesPerIncident(String type) {
    return counts(
        "SELECT CAST(incident_id AS VARCHAR), COUNT(*) FROM incident_timeline "
            + "WHERE entry_type = '"
            + type
            + "' GROUP BY incident_id");
  }

  /** Per "incident/step" of trigger pages in the outbox, how many page rows. */
  Map<String, Integer> triggerPagesPerStep() {
    return counts(
        "SELECT CAST(incident_id AS VARCHAR) || '/' || CAST(step AS VARCHAR), COUNT(*) FROM page "
            + "WHERE kind = 'trigger' GROUP BY incident_id, step");
  }

  /** Per incident id, how many resolve pages it wrote (one per person paged). */
  Map<String, Integer> resolvePagesPerIncident() {
    return counts(
        "SELECT CAST(incident_id AS VARCHAR), COUNT(*) FROM page WHERE kind = 'resolve' "
            + "GROUP BY incident_id");
  }

  /** How many distinct alert events were applied. */
  int appliedEvents() {
    return counts("SELECT 'all', COUNT(*) FROM alert_event").getOrDefault("all", 0);
  }

  /**
   * When the first alert event committed after {@code after} was committed, if one was (needs a
   * server with {@code track_commit_timestamp=on}).
   */
  java.util.Optional<java.time.Instant> firstCommittedAfter(java.time.Instant after) {
    try (Connection c = DriverManager.getConnection(url, user, "");
        PreparedStatement p =
            c.prepareStatement(
                "SELECT MIN(pg_xact_commit_timestamp(xmin)) FROM alert_event "
                    + "WHERE pg_xact_commit_timestamp(xmin) > ?")) {
      p.setObject(1, java.time.OffsetDateTime.ofInstant(after, java.time.ZoneOffset.UTC));
      try (ResultSet r = p.executeQuery()) {
        r.next();
        java.time.OffsetDateTime t = r.getObject(1, java.time.OffsetDateTime.class);
        return java.util.Optional.ofNullable(t).map(java.time.OffsetDateTime::toInstant);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("census query failed", e);
    }
  }

  /** The ids of all incidents. */
  List<String> incidentIds() {
    return new ArrayList<>(counts("SELECT CAST(id AS VARCHAR), 1 FROM incident").keySet());
  }

  private Map<String, Integer> counts(String sql) {
    Map<String, Integer> out = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url, user, "");
        PreparedStatement p = c.prepareStatement(sql);
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.put(r.getString(1), r.getInt(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("census query failed: " + sql, e);
    }
    return out;
  }
}
