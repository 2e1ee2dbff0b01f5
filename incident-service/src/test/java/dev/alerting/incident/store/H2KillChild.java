package dev.alerting.incident.store;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import java.time.Instant;
import java.util.Map;

/**
 * The child JVM of {@link H2KillIT}: opens the store on the H2 file URL it is given, applies one
 * alert, says so on stdout, and dies at once the way kill -9 ends a process: {@code halt} runs no
 * shutdown hook, and H2's background writer dies with the process.
 */
public final class H2KillChild {
  private H2KillChild() {}

  public static void main(String[] args) throws Exception {
    JdbcIncidentStore store = JdbcIncidentStore.open(new StoreSettings(args[0], "sa", "", 1));
    Alert a =
        new Alert(
            AlertStatus.FIRING,
            Labels.of("alertname", "KilledAfterCommit", "severity", "critical"),
            Map.of(),
            Instant.now(),
            null,
            "");
    store.applyAlert(a, Instant.now());
    System.out.println("applied");
    System.out.flush();
    Runtime.getRuntime().halt(137);
  }
}
