package dev.alerting.incident.scaleout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A schema of its own on a PostgreSQL server (trust auth, user {@code postgres}), dropped on close,
 * so tests sharing one server never see each other's incidents.
 */
final class PostgresSchema implements AutoCloseable {
  static final String USER = "postgres";
  private final String base;
  private final String name;

  private PostgresSchema(String base, String name) {
    this.base = base;
    this.name = name;
  }

  /** Whether a server answers at {@code base} (a jdbc:postgresql: URL without parameters). */
  static boolean reachable(String base) {
    DriverManager.setLoginTimeout(2);
    try (Connection c = DriverManager.getConnection(base + "?connectTimeout=2", USER, "")) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  static PostgresSchema create(String base, String prefix) throws SQLException {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(base, USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + name);
    }
    return new PostgresSchema(base, name);
  }

  /** The JDBC URL of the schema, for the service and for direct queries. */
  String url() {
    return base + "?currentSchema=" + name;
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = DriverManager.getConnection(base, USER, "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
  }
}
