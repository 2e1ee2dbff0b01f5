package dev.alerting.bench.load;

import dev.alerting.launcher.AlertingStack;
import dev.alerting.launcher.Service;
import dev.alerting.platform.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The stack of an {@code --embedded} run: embedded Kafka and all four services in this process on
 * free ports, with the detection probe's threshold rule and log-only routing. Environment variables
 * still apply (for example INGEST_MAX_INFLIGHT_REQUESTS), under these defaults.
 */
public final class BenchStack {
  private BenchStack() {}

  public static AlertingStack start(Path dir) throws IOException {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(
        rules,
        """
        groups:
          - name: bench
            rules:
              - alert: BenchQueueBacklog
                expr: %s > %s
                for: 0s
                labels:
                  severity: warning
                annotations:
                  summary: "Backlog on {{ $labels.service }}"
        """
            .formatted(DetectionProbe.METRIC, (long) DetectionProbe.THRESHOLD));
    Path routing = dir.resolve("alertmanager.yml");
    Files.writeString(
        routing,
        """
        route:
          receiver: log
          group_by: ['alertname', 'service']
          group_wait: 1s
          group_interval: 5s
          repeat_interval: 4h
        receivers:
          - name: log
        """);
    Map<String, String> defaults = new HashMap<>(Service.freePorts());
    defaults.put("RULES_FILE", rules.toString());
    defaults.put("NOTIFIER_CONFIG", routing.toString());
    defaults.put(
        "INCIDENT_DB_URL",
        "jdbc:h2:mem:bench-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    Settings env = Settings.fromEnvironment();
    Map<String, String> unset = new HashMap<>();
    defaults.forEach(
        (k, v) -> {
          if (env.optional(k).isEmpty()) {
            unset.put(k, v);
          }
        });
    return AlertingStack.start(env.with(unset), 0);
  }

  public static String ingestUrl(AlertingStack stack) {
    return stack.url(Service.INGEST);
  }
}
