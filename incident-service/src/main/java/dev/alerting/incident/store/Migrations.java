package dev.alerting.incident.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Brings the schema up to date with Flyway from {@code db/incident/V<n>__<name>.sql} on the
 * classpath. The same files run on PostgreSQL and on H2, so both stores always have the same schema
 * (one placeholder, {@link #placeholders}, covers the one place their DDL differs); Flyway's lock
 * makes concurrent start-ups of several instances safe. Flyway opens its own connections: the
 * service's pool may hold a single one, and Flyway needs two.
 *
 * <p>Databases made by the earlier hand-written runner (a {@code schema_version} table and no
 * Flyway history) are baselined at the version they reached, so their data stays and only newer
 * migrations run.
 */
public final class Migrations {
  static final String LOCATION = "classpath:db/incident";

  private Migrations() {}

  /** Applies every pending migration; answers the schema version reached. */
  public static int migrate(StoreSettings s) {
    try {
      FluentConfiguration config =
          Flyway.configure()
              .dataSource(s.url(), s.user(), s.password())
              .locations(LOCATION)
              .placeholders(placeholders(s));
      OptionalInt legacy = legacyVersion(s);
      if (legacy.isPresent()) {
        config =
            config.baselineOnMigrate(true).baselineVersion(Integer.toString(legacy.getAsInt()));
      }
      Flyway flyway = config.load();
      flyway.migrate();
      MigrationInfo current = flyway.info().current();
      return current == null ? 0 : Integer.parseInt(current.getVersion().getVersion());
    } catch (FlywayException | SQLException e) {
      throw new StoreException("schema migration failed: " + e.getMessage(), e);
    }
  }

  /**
   * The one spot where the two databases' DDL differs: a generated column is {@code STORED} on
   * PostgreSQL (which has no other kind) and plain on H2 (which refuses the word).
   */
  static java.util.Map<String, String> placeholders(StoreSettings s) {
    return java.util.Map.of("generated_storage", StoreSettings.isH2(s.url()) ? "" : "STORED");
  }

  /** The version the old runner recorded, when this database has its table and no Flyway one. */
  private static OptionalInt legacyVersion(StoreSettings s) throws SQLException {
    try (Connection c = DriverManager.getConnection(s.url(), s.user(), s.password())) {
      if (!hasTable(c, "schema_version") || hasTable(c, "flyway_schema_history")) {
        return OptionalInt.empty();
      }
      try (Statement st = c.createStatement();
          ResultSet r = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
        return r.next() && r.getInt(1) > 0 ? OptionalInt.of(r.getInt(1)) : OptionalInt.empty();
      }
    }
  }

  private static boolean hasTable(Connection c, String name) throws SQLException {
    try (ResultSet r = c.getMetaData().getTables(null, c.getSchema(), name, null)) {
      return r.next();
    }
  }
}
