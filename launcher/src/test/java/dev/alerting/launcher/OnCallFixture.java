package dev.alerting.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routing and on-call files for the escalation tests: every receiver (the route's {@code hook} and
 * each user's pager) posts to one webhook sink, which tells them apart by the payload's {@code
 * receiver}. Schedule {@code primary} hands over daily at 00:00 UTC between alice and bob from
 * 2026-01-01; step 2 pages carol after {@code secondStep}.
 */
final class OnCallFixture {
  static final LocalDate ROTATION_START = LocalDate.parse("2026-01-01");

  private OnCallFixture() {}

  /** Settings overrides naming the files written to {@code dir}. */
  static Map<String, String> files(Path dir, String webhookUrl, String secondStep)
      throws IOException {
    Path routing = dir.resolve("alertmanager-oncall.yml");
    StringBuilder receivers = new StringBuilder();
    for (String r : List.of("hook", "alice-pager", "bob-pager", "carol-pager")) {
      receivers
          .append("  - name: ")
          .append(r)
          .append("\n    webhook_configs:\n      - url: '")
          .append(webhookUrl)
          .append("'\n        send_resolved: true\n");
    }
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
        """
            + receivers);
    Path oncall = dir.resolve("oncall.yml");
    Files.writeString(
        oncall,
        """
        users:
          - {name: alice, receiver: alice-pager}
          - {name: bob, receiver: bob-pager}
          - {name: carol, receiver: carol-pager}
        schedules:
          - name: primary
            timezone: UTC
            rotations:
              - users: [alice, bob]
                start: %sT00:00
                shift: 1d
        escalation_policies:
          - name: critical
            matchers: ['severity="critical"']
            steps:
              - after: 0s
                notify: [schedule/primary]
              - after: %s
                notify: [user/carol]
        incidents:
          group_by: [alertname, service]
        """
            .formatted(ROTATION_START, secondStep));
    Map<String, String> m = new HashMap<>();
    m.put("NOTIFIER_CONFIG", routing.toString());
    m.put("INCIDENT_ONCALL_CONFIG", oncall.toString());
    m.put("INCIDENT_ESCALATION_TICK", "200ms");
    return m;
  }

  /** Who the rotation has on call today, computed from the rotation's definition. */
  static String onCallToday() {
    long days = ChronoUnit.DAYS.between(ROTATION_START, LocalDate.now(ZoneOffset.UTC));
    return days % 2 == 0 ? "alice" : "bob";
  }

  /**
   * Payloads the sink received for {@code receiver} about incident {@code id} with {@code status}.
   */
  static List<JsonNode> pages(WebhookSink sink, String receiver, String id, String status) {
    return sink.received().stream()
        .filter(p -> p.path("receiver").asText().equals(receiver))
        .filter(p -> p.path("groupLabels").path("incident_id").asText().equals(id))
        .filter(p -> p.path("status").asText().equals(status))
        .toList();
  }

  /** The timeline entries of an incident with {@code type}. */
  static List<JsonNode> entries(JsonNode incident, String type) {
    return java.util.stream.StreamSupport.stream(incident.path("timeline").spliterator(), false)
        .filter(e -> e.path("type").asText().equals(type))
        .toList();
  }
}
