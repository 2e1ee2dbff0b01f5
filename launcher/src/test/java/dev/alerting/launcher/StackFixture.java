package dev.alerting.launcher;

import dev.alerting.platform.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Rule file, routing file and settings for an end-to-end run of the whole stack. */
final class StackFixture {
  static final String ALERT = "E2EQueueBacklog";

  private StackFixture() {}

  /** Settings for a stack on free ports, routing every alert to {@code webhookUrl}. */
  static Settings settings(Path dir, String webhookUrl, Map<String, String> extra)
      throws IOException {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(
        rules,
        """
        groups:
          - name: e2e
            rules:
              - alert: %s
                expr: e2e_queue_depth > 100
                for: 0s
                labels:
                  severity: critical
                annotations:
                  summary: "Backlog on {{ $labels.service }}"
                  description: "depth is {{ $value }}"
        """
            .formatted(ALERT));
    Path routing = dir.resolve("alertmanager.yml");
    Files.writeString(
        routing,
        """
        route:
          receiver: hook
          group_by: ['alertname', 'service']
          group_wait: 100ms
          group_interval: 200ms
          repeat_interval: 1h
        receivers:
          - name: hook
            webhook_configs:
              - url: '%s'
        """
            .formatted(webhookUrl));
    Map<String, String> m = new HashMap<>(Service.freePorts());
    m.put("RULES_FILE", rules.toString());
    m.put("RULES_TICK_INTERVAL", "200ms");
    m.put("NOTIFIER_CONFIG", routing.toString());
    m.put(
        "INCIDENT_DB_URL",
        "jdbc:h2:mem:e2e-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    m.putAll(extra);
    return Settings.of(m);
  }
}
