package dev.alerting.incident.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

/**
 * The same contract on PostgreSQL at 127.0.0.1:5432 (database {@code test}, user {@code postgres},
 * trust auth), in a schema of its own per run. Skipped when no server answers.
 */
@DisplayName("Incident store on PostgreSQL")
class PostgresIncidentStoreTest extends IncidentStoreContract {
  private static final String BASE = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String USER = "postgres";
  private static final String SCHEMA =
      "incident_test_" + UUID.randomUUID().toString().replace("-", "");

  @BeforeAll
  static void createSchema() throws SQLException {
    assumeTrue(pgReachable(), "no PostgreSQL at " + BASE + " (user " + USER + "); skipping");
    try (Connection c = DriverManager.getConnection(BASE, USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + SCHEMA);
    }
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    if (!pgReachable()) {
      return;
    }
    closeStore();
    try (Connection c = DriverManager.getConnection(BASE, USER, "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  static boolean pgReachable() {
    DriverManager.setLoginTimeout(2);
    try (Connection c = DriverManager.getConnection(BASE + "?connectTimeout=2", USER, "")) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  StoreSettings settings() {
    return new StoreSettings(BASE + "?currentSchema=" + SCHEMA, USER, "", 4);
  }
}
