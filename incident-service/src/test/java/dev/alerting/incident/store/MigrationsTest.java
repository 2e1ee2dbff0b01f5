package dev.alerting.incident.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Schema migrations with Flyway")
class MigrationsTest {

  @Test
  @DisplayName(
      "a database of the old runner (schema_version 1) is baselined: its data stays, V2 and V3 run")
  void baselinesLegacyDatabase() throws Exception {
    String url =
        "jdbc:h2:mem:legacy-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      for (String sql : v1().split(";\\s*\\n")) {
        if (!sql.strip().replaceAll("(?m)^--.*$", "").isBlank()) {
          s.execute(sql);
        }
      }
      s.execute("CREATE TABLE schema_version (version INT PRIMARY KEY, applied_at TIMESTAMP)");
      s.execute("INSERT INTO schema_version VALUES (1, CURRENT_TIMESTAMP)");
      s.execute(
          "INSERT INTO incident (title, status, severity, labels, created_at) "
              + "VALUES ('old', 'open', 'none', '{}', CURRENT_TIMESTAMP)");
    }

    int version = Migrations.migrate(new StoreSettings(url, "postgres", "", 1));

    assertThat(version).isEqualTo(3);
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT title, group_key FROM incident")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).isEqualTo("old");
      assertThat(r.getString(2)).isNull();
    }
  }

  private static String v1() throws Exception {
    try (InputStream in =
        MigrationsTest.class
            .getClassLoader()
            .getResourceAsStream("db/incident/V1__incidents.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
