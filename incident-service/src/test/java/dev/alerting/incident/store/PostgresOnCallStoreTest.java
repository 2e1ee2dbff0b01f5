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

/** The same on PostgreSQL at 127.0.0.1:5432, in a schema of its own; skipped without a server. */
@DisplayName("Grouping and escalation on PostgreSQL")
class PostgresOnCallStoreTest extends OnCallStoreContract {
  private static final String BASE = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String SCHEMA =
      "oncall_test_" + UUID.randomUUID().toString().replace("-", "");

  @BeforeAll
  static void createSchema() throws SQLException {
    assumeTrue(PostgresIncidentStoreTest.pgReachable(), "no PostgreSQL at " + BASE);
    try (Connection c = DriverManager.getConnection(BASE, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + SCHEMA);
    }
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    if (!PostgresIncidentStoreTest.pgReachable()) {
      return;
    }
    closeStore();
    try (Connection c = DriverManager.getConnection(BASE, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @Override
  StoreSettings settings() {
    return new StoreSettings(BASE + "?currentSchema=" + SCHEMA, "postgres", "", 4);
  }
}
