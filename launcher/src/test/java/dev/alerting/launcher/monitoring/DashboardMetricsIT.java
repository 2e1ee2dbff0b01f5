package dev.alerting.launcher.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.launcher.AlertingStack;
import dev.alerting.launcher.Service;
import dev.alerting.platform.codec.Json;
import dev.alerting.platform.config.Settings;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.Eventually;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole stack, drives one alert through it (one webhook that fails for good, so failure
 * counters exist too), scrapes the four {@code /metrics} endpoints and checks that every metric a
 * dashboard panel or a self-monitoring alert names is one the services really export.
 */
class DashboardMetricsIT {
  private static final Path MONITORING = Path.of("..", "deploy", "monitoring");

  /** Series Prometheus itself writes for every target, not exported by the services. */
  private static final Set<String> FROM_PROMETHEUS = Set.of("up");

  /**
   * The panels issue 12 names, as (dashboard, metric, labels the panel groups or filters by): each
   * must be a panel of that dashboard naming the metric, and a running stack must export the metric
   * with those labels.
   */
  private record Required(String dashboard, String metric, List<String> labels) {}

  private static final List<Required> REQUIRED =
      List.of(
          new Required("metrics-ingest.json", "ingest_samples_accepted_total", List.of()),
          new Required("metrics-ingest.json", "ingest_samples_rejected_total", List.of("reason")),
          new Required("rule-engine.json", "kafka_consumer_lag_records", List.of("group", "topic")),
          new Required(
              "rule-engine.json", "rules_evaluation_duration_seconds_bucket", List.of("le")),
          new Required("rule-engine.json", "rules_series", List.of()),
          new Required("rule-engine.json", "rules_alerts_active", List.of("state")),
          new Required("rule-engine.json", "rules_alerts_emitted_total", List.of("status")),
          new Required("notifier.json", "kafka_consumer_lag_records", List.of("group", "topic")),
          new Required("notifier.json", "notifier_notifications_total", List.of("integration")),
          new Required(
              "notifier.json",
              "notifier_notifications_failed_total",
              List.of("integration", "reason")),
          new Required("incident-service.json", "incident_alert_events_total", List.of("status")),
          new Required("incident-service.json", "incidents_open", List.of("severity")),
          new Required(
              "incident-service.json",
              "incident_time_to_acknowledge_seconds_bucket",
              List.of("le")),
          new Required(
              "incident-service.json", "kafka_consumer_lag_records", List.of("group", "topic")),
          new Required("incident-service.json", "incident_store_connections", List.of("state")),
          new Required("overview.json", "kafka_consumer_lag_records", List.of("group", "topic")),
          new Required("overview.json", "rules_alerts_active", List.of("state")),
          new Required("overview.json", "rules_alerts_emitted_total", List.of("status")),
          new Required("overview.json", "incidents_open", List.of("severity")),
          new Required(
              "overview.json",
              "notifier_notifications_failed_total",
              List.of("integration", "reason")));

  /** The consumer groups whose lag the stack must report (the services' own groups). */
  private static final Set<String> GROUPS =
      Set.of("rule-engine", "notifier", "notifier-groups", "incident-service");

  @TempDir static Path dir;
  private static EmbeddedKafka kafka;
  private static AlertingStack stack;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

  @BeforeAll
  static void start() throws IOException {
    kafka = EmbeddedKafka.start();
    Path rules = dir.resolve("rules.yml");
    Files.writeString(
        rules,
        """
        groups:
          - name: it
            rules:
              - alert: DashboardProbe
                expr: dashboard_probe > 1
        """);
    Path routing = dir.resolve("alertmanager.yml");
    Files.writeString(
        routing,
        """
        route:
          receiver: log
          group_wait: 100ms
          routes:
            - receiver: broken
              continue: true
            - receiver: log
        receivers:
          - name: log
          - name: broken
            webhook_configs:
              - url: 'http://127.0.0.1:1/hook'
        """);
    Map<String, String> m = new HashMap<>(Service.freePorts());
    m.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    m.put("RULES_FILE", rules.toString());
    m.put("RULES_TICK_INTERVAL", "200ms");
    m.put("NOTIFIER_CONFIG", routing.toString());
    m.put("NOTIFIER_RETRY_MAX_ATTEMPTS", "1");
    m.put(
        "INCIDENT_DB_URL",
        "jdbc:h2:mem:dash-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    stack = AlertingStack.start(Settings.of(m), 0);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
    kafka.close();
  }

  @Test
  @DisplayName(
      "every metric named by a dashboard panel or a self-monitoring alert is exported by a running stack")
  void dashboardsUseExportedMetrics() throws Exception {
    String ingest = stack.url(Service.INGEST);
    post(ingest + "/api/v1/samples", "[{\"name\":\"dashboard_probe\",\"labels\":{},\"value\":5}]");
    post(ingest + "/api/v1/samples", "[{\"name\":\"9bad\",\"labels\":{},\"value\":5}]");
    Eventually.assertThat(
        Duration.ofSeconds(60),
        () -> {
          Map<String, Set<String>> labels = scrapeAll();
          assertThat(labels)
              .containsKeys(
                  "notifier_notifications_total",
                  "notifier_notifications_failed_total",
                  "incidents_opened_total");
          assertThat(labels.getOrDefault("kafka_consumer_lag_records{group}", Set.of()))
              .containsAll(GROUPS)
              .doesNotContain("unused");
          // the probe alert fires (no `for`) and opens one incident: the gauges count it
          assertThat(get(stack.url(Service.RULES) + "/metrics"))
              .contains("rules_alerts_active{service=\"rule-engine\",state=\"firing\"} 1.0");
          assertThat(get(stack.url(Service.INCIDENTS) + "/metrics"))
              .contains("incidents_open{service=\"incident-service\",severity=\"none\"} 1.0");
        });
    Map<String, Set<String>> labels = scrapeAll();
    Set<String> exported = new TreeSet<>();
    labels.keySet().stream().filter(n -> !n.contains("{")).forEach(exported::add);
    exported.addAll(FROM_PROMETHEUS);

    Map<String, Set<String>> named = new TreeMap<>();
    Map<String, List<String>> exprs = new TreeMap<>();
    try (Stream<Path> files = Files.list(MONITORING.resolve("grafana").resolve("dashboards"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        JsonNode dash = Json.MAPPER.readTree(f.toFile());
        assertThat(dash.path("panels")).as(f + " has panels").isNotEmpty();
        for (JsonNode panel : dash.path("panels")) {
          for (JsonNode t : panel.path("targets")) {
            String where = f.getFileName() + " / " + panel.path("title").asText();
            named
                .computeIfAbsent(where, k -> new TreeSet<>())
                .addAll(PromqlNames.metrics(t.path("expr").asText()));
            exprs
                .computeIfAbsent(f.getFileName().toString(), k -> new ArrayList<>())
                .add(t.path("expr").asText());
          }
        }
      }
    }
    for (Required r : REQUIRED) {
      List<String> panels =
          exprs.getOrDefault(r.dashboard(), List.of()).stream()
              .filter(e -> PromqlNames.metrics(e).contains(r.metric()))
              .toList();
      assertThat(panels).as(r.dashboard() + " has a panel on " + r.metric()).isNotEmpty();
      for (String label : r.labels()) {
        assertThat(panels)
            .as(r.dashboard() + ": a panel on " + r.metric() + " uses label " + label)
            .anyMatch(e -> e.matches("(?s).*\\b" + label + "\\b.*"));
        assertThat(labels.get(r.metric()))
            .as(r.metric() + " is exported with label " + label)
            .contains(label);
      }
    }
    JsonNode alerts = Json.YAML.readTree(MONITORING.resolve("alerts.yml").toFile());
    for (JsonNode rule : alerts.path("groups").get(0).path("rules")) {
      named
          .computeIfAbsent("alerts.yml / " + rule.path("alert").asText(), k -> new TreeSet<>())
          .addAll(PromqlNames.metrics(rule.path("expr").asText()));
    }
    assertThat(named).hasSizeGreaterThan(30);
    named.forEach(
        (where, names) -> {
          assertThat(names).as(where + " names a metric").isNotEmpty();
          assertThat(exported).as(where).containsAll(names);
        });
  }

  /**
   * Every exported metric name with the label names its series carry; also {@code
   * kafka_consumer_lag_records{group}} with the values of that label.
   */
  private static Map<String, Set<String>> scrapeAll() {
    Map<String, Set<String>> names = new TreeMap<>();
    for (Service s : Service.values()) {
      for (String line : get(stack.url(s) + "/metrics").split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String name = line.split("[{ ]", 2)[0];
        Set<String> labels = names.computeIfAbsent(name, k -> new TreeSet<>());
        Matcher m = LABEL.matcher(line.substring(name.length()));
        while (m.find()) {
          labels.add(m.group(1));
          if (name.equals("kafka_consumer_lag_records") && m.group(1).equals("group")) {
            names.computeIfAbsent(name + "{group}", k -> new TreeSet<>()).add(m.group(2));
          }
        }
      }
    }
    return names;
  }

  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_]\\w*)=\"([^\"]*)\"");

  private static String get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET().build());
  }

  private static void post(String url, String json) {
    send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private static String send(HttpRequest req) {
    try {
      return HTTP.send(req, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
