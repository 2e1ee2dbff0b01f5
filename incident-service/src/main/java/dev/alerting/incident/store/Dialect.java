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
 * batch of incident ids from the identity sequence, and remembering a batch of alert events while
 * learning which of them are new.
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
}
