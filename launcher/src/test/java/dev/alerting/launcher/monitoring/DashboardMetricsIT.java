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
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
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
          Set<String> exported = scrapeAll();
          assertThat(exported)
              .contains(
                  "notifier_notifications_total",
                  "notifier_notifications_failed_total",
                  "incidents_opened_total");
        });
    Set<String> exported = scrapeAll();
    exported.addAll(FROM_PROMETHEUS);

    Map<String, Set<String>> named = new TreeMap<>();
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
          }
        }
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

  private static Set<String> scrapeAll() {
    Set<String> names = new TreeSet<>();
    for (Service s : Service.values()) {
      for (String line : get(stack.url(s) + "/metrics").split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          names.add(line.split("[{ ]", 2)[0]);
        }
      }
    }
    return names;
  }

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
