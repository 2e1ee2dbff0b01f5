package dev.alerting.bench.incidents;

import dev.alerting.incident.store.JdbcIncidentStore;
import dev.alerting.incident.store.StoreSettings;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an alert storm costs the incident store per event as its one incident grows: batches of new
 * firing alerts of one alert name (the default incident grouping puts them all in one incident),
 * applied as the service applies a poll, on embedded H2 in this thread, timed in thread CPU time
 * per event for every tenth of the storm. Run from the repository root: {@code java -cp
 * "bench/target/classes:bench/target/lib/*" dev.alerting.bench.incidents.IncidentStormProbe
 * [alerts=10000] [batch=100]}.
 */
public final class IncidentStormProbe {
  private IncidentStormProbe() {}

  public static void main(String[] args) {
    int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    String url =
        "jdbc:h2:mem:storm-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    Instant at = Instant.parse("2026-12-05T00:00:00Z");
    try (JdbcIncidentStore store = JdbcIncidentStore.open(new StoreSettings(url, "sa", "", 2))) {
      int tenth = Math.max(batch, alerts / 10);
      long ns = 0;
      int events = 0;
      for (int from = 0; from < alerts; from += batch) {
        List<Alert> poll = new ArrayList<>(batch);
        for (int i = from; i < Math.min(alerts, from + batch); i++) {
          poll.add(
              new Alert(
                  AlertStatus.FIRING,
                  Labels.of("alertname", "Storm", "series", "s" + i, "severity", "warning"),
                  Map.of("summary", "storm alert " + i),
                  at,
                  null,
                  ""));
        }
        long t0 = cpu.getCurrentThreadCpuTime();
        store.applyAlerts(poll, at.plusMillis(from));
        ns += cpu.getCurrentThreadCpuTime() - t0;
        events += poll.size();
        if ((from + batch) % tenth == 0 || from + batch >= alerts) {
          System.out.printf(
              "alerts %6d..%6d in the incident: %8.1f us CPU per event (batches of %d)%n",
              from + batch - events, from + batch, ns / 1e3 / events, batch);
          ns = 0;
          events = 0;
        }
      }
      System.out.printf("incidents open: %s%n", store.openBySeverity());
    }
  }
}
