package dev.alerting.incident.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The two databases the store runs on, for the few set-based statements whose SQL differs: taking a
 * batch of incident ids from the identity sequence, remembering a batch of alert events while
 * learning which of them are new, and serialising the instances that work on one alert group.
 */
enum Dialect {
  POSTGRES,
  H2;

  static Dialect of(StoreSettings settings) {
    return StoreSettings.isH2(settings.url()) ? H2 : POSTGRES;
  }

  static Array strings(Connection c, Collection<String> values) throws SQLException {
    return c.createArrayOf("varchar", values.toArray(new String[0]));
  }

  static Array longs(Connection c, Collection<Long> values) throws SQLException {
    return c.createArrayOf("bigint", values.toArray(new Long[0]));
  }

  /**
   * {@code n} fresh incident ids, ascending, from the identity's own sequence (so rows inserted
   * with them and rows inserted without an id never collide); empty on H2, which inserts row by row
   * and reads the generated keys instead (embedded: no round trip to save).
   */
  List<Long> nextIncidentIds(Connection c, int n) throws SQLException {
    List<Long> ids = new ArrayList<>();
    if (this == H2 || n == 0) {
      return ids;
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT nextval(pg_get_serial_sequence('incident', 'id')) "
                + "FROM generate_series(1, ?) ORDER BY 1")) {
      p.setInt(1, n);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
        }
      }
    }
    return ids;
  }

  /**
   * Holds every group in {@code groupKeys} until the transaction ends, waiting for another
   * transaction (another instance) that holds one: deciding whether a group has an active incident
   * and opening one is then one step across instances. PostgreSQL transaction-scoped advisory
   * locks, keyed by the first 64 bits of the group key's hash (a collision only makes two groups
   * wait for each other) and taken in ascending order, so two batches cannot deadlock. Nothing on
   * H2: it is embedded in one process, one instance. The unique index on {@code open_group_key}
   * stays the guarantee; this lock makes the first decision the right one instead of a failed
   * insert and a retry.
   */
  void lockGroups(Connection c, Collection<String> groupKeys) throws SQLException {
    if (this == H2 || groupKeys.isEmpty()) {
      return;
    }
    Long[] keys =
        groupKeys.stream()
            .map(k -> Long.parseUnsignedLong(k.substring(0, 16), 16))
            .distinct()
            .sorted()
            .toArray(Long[]::new);
    // unnest yields the array in order and the scan locks row by row, so the order holds.
    try (PreparedStatement p =
        c.prepareStatement("SELECT pg_advisory_xact_lock(k) FROM unnest(?::bigint[]) AS t(k)")) {
      p.setArray(1, c.createArrayOf("bigint", keys));
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          // each row is one lock taken
        }
      }
    }
  }
}
