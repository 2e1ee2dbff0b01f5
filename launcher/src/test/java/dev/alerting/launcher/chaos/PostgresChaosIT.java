package dev.alerting.launcher.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.alerting.launcher.chaos.ChaosScenario.Watch;
import dev.alerting.testkit.PrivatePostgres;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident service on a PostgreSQL server of the test's own, which is stopped hard ({@code
 * pg_ctl stop -m immediate}: no checkpoint, connections cut) and started again after 1 s. The
 * incident service must retry, not skip: no incident lost, doubled or left open.
 */
@DisplayName("Chaos: PostgreSQL restart under the incident service, under steady pushes")
@EnabledIfSystemProperty(named = "chaos.full", matches = "true")
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a guard only: every wait has its own deadline
class PostgresChaosIT {
  @TempDir Path dir;
  private PrivatePostgres pg;
  private ChaosStack stack;

  @AfterEach
  void stop() throws java.io.IOException {
    if (stack != null) {
      stack.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  @DisplayName(
      "after an immediate PostgreSQL stop and start, every incident is there once, resolved")
  void postgresRestart() throws Exception {
    PrivatePostgres.Result server = PrivatePostgres.start();
    assumeThat(server.server()).as(server.whyNot()).isNotNull();
    pg = server.server();
    stack =
        ChaosStack.start(
            dir, 1, Map.of("INCIDENT_DB_URL", pg.url(), "INCIDENT_DB_USER", "postgres"));
    ChaosRow row =
        new ChaosScenario(stack)
            .run(
                "PostgreSQL stop -m immediate, started after 1 s",
                "postgres",
                Watch.INCIDENTS,
                pg::stopImmediately,
                pg::startServer);
    System.out.println("CHAOS TABLE (PostgreSQL)\n" + ChaosRow.header() + "\n" + row.markdown());
    assertThat(row.clean()).as("%s: %s", row.fault(), row.details()).isTrue();
  }
}
