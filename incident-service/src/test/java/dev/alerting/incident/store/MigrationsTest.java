package dev.alerting.incident.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
      "a database of the old runner (schema_version 1) is baselined: its data stays, V2 to V4 run")
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

    assertThat(version).isEqualTo(4);
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT title, group_key FROM incident")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).isEqualTo("old");
      assertThat(r.getString(2)).isNull();
    }
  }

  @Test
  @DisplayName(
      "V4 on a database where two instances opened two incidents of one group: the newest keeps"
          + " the group, and the database refuses a second active incident of a group from then on")
  void oneActiveIncidentPerGroup() throws Exception {
    String url =
        "jdbc:h2:mem:v3-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    StoreSettings settings = new StoreSettings(url, "postgres", "", 1);
    org.flywaydb.core.Flyway.configure()
        .dataSource(url, "postgres", "")
        .locations(Migrations.LOCATION)
        .placeholders(Migrations.placeholders(settings))
        .target("3")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(incident(1, "open", "g"));
      s.execute(incident(2, "acknowledged", "g"));
      s.execute(incident(3, "resolved", "g"));
    }

    assertThat(Migrations.migrate(settings)).isEqualTo(4);

    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT id, group_key FROM incident ORDER BY id")) {
        java.util.List<String> rows = new java.util.ArrayList<>();
        while (r.next()) {
          rows.add(r.getLong(1) + ":" + r.getString(2));
        }
        assertThat(rows).containsExactly("1:null", "2:g", "3:g");
      }
      s.execute(incident(4, "resolved", "g"));
      assertThatThrownBy(() -> s.execute(incident(5, "open", "g")))
          .isInstanceOf(java.sql.SQLException.class)
          .hasMessageContaining("incident_open_group_idx");
      s.execute("UPDATE incident SET status = 'resolved' WHERE id = 2");
      s.execute(incident(5, "open", "g"));
    }
  }

  private static String incident(long id, String status, String groupKey) {
    return "INSERT INTO incident (id, title, status, severity, labels, created_at, group_key) "
        + "VALUES ("
        + id
        + ", 't', '"
        + status
        + "', 'none', '{}', CURRENT_TIMESTAMP, '"
        + groupKey
        + "')";
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
