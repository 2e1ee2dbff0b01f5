package dev.alerting.incident.store;

import static dev.alerting.incident.store.IncidentRows.time;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What correlating an alert event needs from the database: whether the event was applied before,
 * the latest incident holding its fingerprint or of its group, and merges.
 */
final class CorrelationRows {
  private CorrelationRows() {}

  /**
   * Remembers a batch of applied events ({@code event key → fingerprint}, keys distinct) and
   * answers the keys that were new; a key applied before (a redelivery) is left out.
   */
  static Set<String> recordEvents(
      Connection c, Dialect dialect, Map<String, String> events, Instant now) throws SQLException {
    Set<String> fresh = new HashSet<>();
    if (events.isEmpty()) {
      return fresh;
    }
    if (dialect == Dialect.POSTGRES) {
      // One statement, and it says which rows it inserted: a concurrent transaction inserting the
      // same key (a second instance during a rebalance) makes this one wait, then skip the key.
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO alert_event (event_key, fingerprint, applied_at) "
                  + "SELECT k, f, ? FROM unnest(?::varchar[], ?::varchar[]) AS t(k, f) "
                  + "ON CONFLICT DO NOTHING RETURNING event_key")) {
        p.setObject(1, time(now));
        p.setArray(2, Dialect.strings(c, events.keySet()));
        p.setArray(3, Dialect.strings(c, events.values()));
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            fresh.add(r.getString(1));
          }
        }
      }
      return fresh;
    }
    // H2 is embedded in this process, whose one consumer is the only writer of events.
    Set<String> known = new HashSet<>();
    try (PreparedStatement p =
        c.prepareStatement("SELECT event_key FROM alert_event WHERE event_key = ANY(?)")) {
      p.setArray(1, Dialect.strings(c, events.keySet()));
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          known.add(r.getString(1));
        }
      }
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO alert_event (event_key, fingerprint, applied_at) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, String> e : events.entrySet()) {
        if (!known.contains(e.getKey())) {
          p.setString(1, e.getKey());
          p.setString(2, e.getValue());
          p.setObject(3, time(now));
          p.addBatch();
          fresh.add(e.getKey());
        }
      }
      if (!fresh.isEmpty()) {
        p.executeBatch();
      }
    }
    return fresh;
  }

  /**
   * Per fingerprint, the newest incident holding it, resolved or not; an incident merged into
   * another no longer counts (its alerts live on in the other).
   */
  static Map<String, Long> latestWith(Connection c, Collection<String> fingerprints)
      throws SQLException {
    // Two single-table lookups rather than a join: on fresh tables (no statistics yet) PostgreSQL
    // planned the join as a scan of every incident, which made each new alert slower than the last.
    Map<String, List<Long>> holders = new HashMap<>();
    Set<Long> ids = new HashSet<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT fingerprint, incident_id FROM incident_alert WHERE fingerprint = ANY(?)")) {
      p.setArray(1, Dialect.strings(c, fingerprints));
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          holders.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getLong(2));
          ids.add(r.getLong(2));
        }
      }
    }
    Map<String, Long> latest = new HashMap<>();
    if (ids.isEmpty()) {
      return latest;
    }
    Set<Long> live = new HashSet<>();
    try (PreparedStatement p =
        c.prepareStatement("SELECT id FROM incident WHERE id = ANY(?) AND merged_into IS NULL")) {
      p.setArray(1, Dialect.longs(c, ids));
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          live.add(r.getLong(1));
        }
      }
    }
    holders.forEach(
        (fp, held) ->
            held.stream()
                .filter(live::contains)
                .max(Long::compare)
                .ifPresent(id -> latest.put(fp, id)));
    return latest;
  }

  /** Per alert group, the newest incident that was not merged away. */
  static Map<String, Long> latestInGroups(Connection c, Collection<String> groupKeys)
      throws SQLException {
    Map<String, Long> latest = new HashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT group_key, MAX(id) FROM incident WHERE group_key = ANY(?) "
                + "AND merged_into IS NULL GROUP BY group_key")) {
      p.setArray(1, Dialect.strings(c, groupKeys));
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          latest.put(r.getString(1), r.getLong(2));
        }
      }
    }
    return latest;
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
