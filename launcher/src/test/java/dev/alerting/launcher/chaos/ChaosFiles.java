package dev.alerting.launcher.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The suite's configuration under chaos: one threshold rule over every series, one notification
 * group and one incident per series, and an on-call user paged at once for every incident. Alert
 * notifications go to receiver {@code hook}, pages to {@code pager}; both post to one sink, which
 * tells them apart by the payload's {@code receiver}.
 */
final class ChaosFiles {
  static final String ALERT = "ChaosHot";
  static final String METRIC = "chaos_value";
  static final double THRESHOLD = 5;

  final Path rules;
  final Path routing;
  final Path oncall;

  ChaosFiles(Path dir, String webhookUrl) throws IOException {
    Files.createDirectories(dir);
    rules =
        Files.writeString(
            dir.resolve("rules.yml"),
            """
            groups:
              - name: chaos
                rules:
                  - alert: %s
                    expr: %s > %s
                    labels:
                      severity: critical
            """
                .formatted(ALERT, METRIC, THRESHOLD));
    routing =
        Files.writeString(
            dir.resolve("alertmanager.yml"),
            """
            route:
              receiver: hook
              group_by: ['alertname', 'series']
              group_wait: 100ms
              group_interval: 200ms
              repeat_interval: 1h
            receivers:
              - name: hook
                webhook_configs:
                  - url: '%1$s'
                    send_resolved: true
              - name: pager
                webhook_configs:
                  - url: '%1$s'
                    send_resolved: true
            """
                .formatted(webhookUrl));
    oncall =
        Files.writeString(
            dir.resolve("oncall.yml"),
            """
            users:
              - {name: chaos, receiver: pager}
            escalation_policies:
              - name: every-incident
                matchers: ['alertname="%s"']
                steps:
                  - after: 0s
                    notify: [user/chaos]
            incidents:
              group_by: [alertname, series]
            """
                .formatted(ALERT));
  }
}
