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

/** The page outbox: pages written with their step, published to Kafka, completed by outcomes. */
final class PageRows {
  /** A page as stored; {@code payload} is the record value for the pages topic. */
  record Row(
      String pageId,
      long incidentId,
      String kind,
      String user,
      String receiver,
      int step,
      Instant createdAt,
      String payload) {}

  private static final String INSERT_PAGE =
      "INSERT INTO page (page_id, incident_id, kind, user_name, receiver, step, created_at, "
          + "payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  private PageRows() {}

  /** Writes a page unless one with its id exists; true when written. */
  static boolean insert(Connection c, Row r) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(INSERT_PAGE)) {
      bind(p, r);
      return p.executeUpdate() == 1;
    }
  }

  private static void bind(PreparedStatement p, Row r) throws SQLException {
    p.setString(1, r.pageId());
    p.setLong(2, r.incidentId());
    p.setString(3, r.kind());
    p.setString(4, r.user());
    p.setString(5, r.receiver());
    p.setInt(6, r.step());
    p.setObject(7, time(r.createdAt()));
    p.setString(8, r.payload());
  }

  /** Writes pages, leaving out any whose id exists (a step fired again after a crash). */
  static void insertAll(Connection c, List<Row> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement p = c.prepareStatement(INSERT_PAGE)) {
      for (Row r : rows) {
        bind(p, r);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** Locks up to {@code limit} unpublished pages, oldest first, skipping rows others hold. */
  static List<Row> claimUnpublished(Connection c, int limit) throws SQLException {
    List<Row> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT page_id, incident_id, kind, user_name, receiver, step, created_at, payload "
                + "FROM page WHERE published_at IS NULL ORDER BY created_at, page_id LIMIT ? "
                + "FOR UPDATE SKIP LOCKED")) {
      p.setInt(1, limit);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(
              new Row(
                  r.getString(1),
                  r.getLong(2),
                  r.getString(3),
                  r.getString(4),
                  r.getString(5),
                  r.getInt(6),
                  r.getObject(7, java.time.OffsetDateTime.class).toInstant(),
                  r.getString(8)));
        }
      }
    }
    return out;
  }

  static void markPublished(Connection c, List<Row> rows, Instant now) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("UPDATE page SET published_at = ? WHERE page_id = ?")) {
      for (Row r : rows) {
        p.setObject(1, time(now));
        p.setString(2, r.pageId());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** Who was paged for the incident (trigger pages), as distinct user/receiver pairs. */
  static List<String[]> paged(Connection c, long incidentId) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT DISTINCT user_name, receiver FROM page WHERE incident_id = ? "
                + "AND kind = 'trigger' ORDER BY user_name, receiver")) {
      p.setLong(1, incidentId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new String[] {r.getString(1), r.getString(2)});
        }
      }
    }
    return out;
  }

  /**
   * Records a page's outcome once; answers the page (user, receiver) when this was its first
   * outcome, empty for an unknown page or a repeated outcome.
   */
  static Optional<String[]> complete(
      Connection c, String pageId, String result, String detail, Instant at) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE page SET result = ?, detail = ?, result_at = ? "
                + "WHERE page_id = ? AND result IS NULL")) {
      p.setString(1, result);
      p.setString(2, dev.alerting.incident.lifecycle.Bounds.cut(detail, 1024));
      p.setObject(3, time(at));
      p.setString(4, pageId);
      if (p.executeUpdate() != 1) {
        return Optional.empty();
      }
    }
    try (PreparedStatement p =
        c.prepareStatement("SELECT user_name, receiver, kind FROM page WHERE page_id = ?")) {
      p.setString(1, pageId);
      try (ResultSet r = p.executeQuery()) {
        return r.next()
            ? Optional.of(new String[] {r.getString(1), r.getString(2), r.getString(3)})
            : Optional.empty();
      }
    }
  }
}
