package dev.alerting.notify.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.platform.codec.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests the real Alertmanager sent (test resources under {@code integrations/}, see the
 * README there), sorted by receiver and scenario, and the notifications that produced them.
 */
final class Captures {
  static final String ONE = "{}/{}:{alertname=\"One\"}";
  static final String TWO = "{}/{}:{alertname=\"Two\"}";

  /** The three notifications of the timeline. */
  enum Scenario {
    ONE_FIRING,
    TWO_FIRING,
    ONE_RESOLVED
  }

  private Captures() {}

  static String resource(String name) {
    try (InputStream in = Captures.class.getResourceAsStream("/integrations/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new AssertionError("missing test resource integrations/" + name, e);
    }
  }

  static List<JsonNode> lines(String name) {
    List<JsonNode> out = new ArrayList<>();
    for (String l : resource(name).split("\n")) {
      if (!l.isBlank()) {
        try {
          out.add(Json.MAPPER.readTree(l));
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }
    }
    return out;
  }

  /** Which receiver of am-capture.yml / am-derived.yml sent a captured line. */
  static String receiverOf(JsonNode line) {
    if (line.path("kind").asText().equals("smtp")) {
      return "email";
    }
    String p = line.path("path").asText();
    Map<String, String> prefixes = new LinkedHashMap<>();
    prefixes.put("/webhook", "webhook");
    prefixes.put("/slack/services", "slack");
    prefixes.put("/slack/api", "slackbot");
    prefixes.put("/pagerduty/v2", "pagerduty");
    prefixes.put("/pagerduty/generic", "pagerdutyv1");
    prefixes.put("/opsgenie", "opsgenie");
    prefixes.put("/telegramthread", "telegramthread");
    prefixes.put("/telegram", "telegram");
    prefixes.put("/discordfull", "discordfull");
    prefixes.put("/discord", "discord");
    prefixes.put("/webex", "webex");
    prefixes.put("/msteamsv2", "msteamsv2");
    prefixes.put("/msteams", "msteams");
    return prefixes.entrySet().stream()
        .filter(e -> p.startsWith(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("unknown capture path " + p));
  }

  static Scenario scenarioOf(JsonNode line) {
    String all = line.toString();
    boolean one =
        all.contains("One")
            || all.contains(
                new Notification("r", ONE, Labels.empty(), List.of(alert("One", "a", false)))
                    .groupKeyHash());
    if (!one) {
      return Scenario.TWO_FIRING;
    }
    return line.path("t").asDouble() >= 3 ? Scenario.ONE_RESOLVED : Scenario.ONE_FIRING;
  }

  /** The captured requests of one receiver in one scenario, in arrival order. */
  static List<JsonNode> expected(List<JsonNode> all, String receiver, Scenario s) {
    return all.stream().filter(l -> receiverOf(l).equals(receiver) && scenarioOf(l) == s).toList();
  }

  /** The alerts as Alertmanager had them, start and end times from the captured webhook. */
  static Notification notification(String receiver, Scenario s) {
    return switch (s) {
      case ONE_FIRING ->
          new Notification(
              receiver, ONE, Labels.of("alertname", "One"), List.of(alert("One", "a", false)));
      case TWO_FIRING ->
          new Notification(
              receiver,
              TWO,
              Labels.of("alertname", "Two"),
              List.of(alert("Two", "a", false), alert("Two", "b", false)));
      case ONE_RESOLVED ->
          new Notification(
              receiver, ONE, Labels.of("alertname", "One"), List.of(alert("One", "a", true)));
    };
  }

  static Alert alert(String name, String instance, boolean resolved) {
    JsonNode captured = webhookAlert(name, instance, resolved);
    Instant starts =
        captured == null ? Instant.EPOCH : Instant.parse(captured.path("startsAt").asText());
    Instant ends =
        resolved && captured != null ? Instant.parse(captured.path("endsAt").asText()) : null;
    String severity = name.equals("One") ? "critical" : "warning";
    String summary = name.equals("One") ? "one is down" : "two " + instance;
    return new Alert(
        resolved ? AlertStatus.RESOLVED : AlertStatus.FIRING,
        Labels.of("alertname", name, "instance", instance, "severity", severity, "team", "ops"),
        Map.of("summary", summary),
        starts,
        ends,
        "http://prometheus.example.org:9090/graph");
  }

  private static JsonNode webhookAlert(String name, String instance, boolean resolved) {
    for (JsonNode l : lines("captured.jsonl")) {
      if (!l.path("path").asText().equals("/webhook")) {
        continue;
      }
      for (JsonNode a : l.path("body").path("alerts")) {
        if (a.path("labels").path("alertname").asText().equals(name)
            && a.path("labels").path("instance").asText().equals(instance)
            && a.path("status").asText().equals(resolved ? "resolved" : "firing")) {
          return a;
        }
      }
    }
    return null;
  }
}
