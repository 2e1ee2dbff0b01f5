package dev.alerting.incident.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date from the numbered files {@code db/incident/V1.sql}, {@code V2.sql},
 * ... on the classpath, recording each applied version in {@code schema_version}. The same files
 * run on PostgreSQL and on H2, so both stores always have the same schema.
 *
 * <p>Files are found by probing consecutive numbers rather than listing the classpath, which works
 * the same from a directory and from a jar. Run by one instance at a time (start-up of the first).
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  private static final String LOCATION = "db/incident/V%d.sql";

  private Migrations() {}

  /** Applies every migration newer than the recorded version; answers the version reached. */
  public static int migrate(DataSource ds) {
    try (Connection c = ds.getConnection()) {
      ensureVersionTable(c);
      int current = currentVersion(c);
      int version = current + 1;
      String sql;
      while ((sql = load(version)) != null) {
        apply(c, version, sql);
        version++;
      }
      return version - 1;
    } catch (SQLException e) {
      throw new StoreException("schema migration failed: " + e.getMessage(), e);
    }
  }

  private static void ensureVersionTable(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS schema_version ("
              + "version INT PRIMARY KEY, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
    }
  }

  private static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
      r.next();
      return r.getInt(1);
    }
  }

  private static void apply(Connection c, int version, String sql) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      for (String statement : statements(sql)) {
        s.execute(statement);
      }
      try (PreparedStatement p =
          c.prepareStatement("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
        p.setInt(1, version);
        p.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
        p.executeUpdate();
      }
      c.commit();
      LOG.info("applied incident schema migration V{}", version);
    } catch (SQLException e) {
      c.rollback();
      throw new SQLException("migration V" + version + ": " + e.getMessage(), e);
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** Splits on semicolons that end a line; comment lines are dropped. */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String stmt = current.toString().strip();
        out.add(stmt.substring(0, stmt.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  private static String load(int version) {
    String name = String.format(LOCATION, version);
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("cannot read " + name, e);
    }
  }
}
