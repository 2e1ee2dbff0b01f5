package dev.alerting.launcher.chaos;

import dev.alerting.incident.IncidentMain;
import dev.alerting.ingest.IngestMain;
import dev.alerting.launcher.Service;
import dev.alerting.notify.NotifierMain;
import dev.alerting.rule.RuleEngineMain;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The four services, each its own JVM started from its own Main with the environment a deployment
 * gives it, on ports fixed up front so a restarted service answers where the killed one did.
 */
final class ChaosServices implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private final Map<Service, ChildJvm> children = new EnumMap<>(Service.class);
  private final Map<Service, Integer> ports = new EnumMap<>(Service.class);

  /**
   * @param kafka the brokers' bootstrap servers and topic settings ({@code KAFKA_*})
   * @param incidentDb the incident store's JDBC URL (and user, password when PostgreSQL)
   */
  ChaosServices(
      Path logs, ChaosFiles files, Map<String, String> kafka, Map<String, String> incidentDb)
      throws IOException {
    for (Service s : Service.values()) {
      ports.put(s, ChaosBrokers.freePort());
    }
    Map<String, String> common = new HashMap<>(kafka);
    common.put("LOG_LEVEL", "INFO");
    add(
        logs,
        Service.INGEST,
        IngestMain.class,
        common,
        Map.of("INGEST_HTTP_PORT", port(Service.INGEST)));
    add(
        logs,
        Service.RULES,
        RuleEngineMain.class,
        common,
        Map.of(
            "RULES_HTTP_PORT",
            port(Service.RULES),
            "RULES_FILE",
            files.rules.toString(),
            "RULES_TICK_INTERVAL",
            "200ms",
            // its own name in the election: restarted after kill -9 it takes its seat back at once
            "RULES_INSTANCE_ID",
            "chaos-rules"));
    add(
        logs,
        Service.NOTIFIER,
        NotifierMain.class,
        common,
        Map.of(
            "NOTIFIER_HTTP_PORT", port(Service.NOTIFIER),
            "NOTIFIER_CONFIG", files.routing.toString()));
    Map<String, String> incident = new HashMap<>(incidentDb);
    incident.put("INCIDENT_HTTP_PORT", port(Service.INCIDENTS));
    incident.put("INCIDENT_ONCALL_CONFIG", files.oncall.toString());
    incident.put("INCIDENT_ESCALATION_TICK", "200ms");
    add(logs, Service.INCIDENTS, IncidentMain.class, common, incident);
  }

  private void add(
      Path logs, Service s, Class<?> main, Map<String, String> common, Map<String, String> own) {
    Map<String, String> env = new HashMap<>(common);
    env.putAll(own);
    children.put(
        s,
        new ChildJvm(
            s.displayName(), "384m", main, List.of(), env, logs.resolve(s.displayName() + ".log")));
  }

  private String port(Service s) {
    return String.valueOf(ports.get(s));
  }

  String url(Service s) {
    return "http://localhost:" + ports.get(s);
  }

  ChildJvm child(Service s) {
    return children.get(s);
  }

  void killAll() {
    children.values().forEach(ChildJvm::kill);
  }

  /** Waits until {@code s} answers {@code /health/ready} with 200 (its Kafka clients work). */
  void awaitReady(Service s, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ready(s)) {
      if (!children.get(s).alive()) {
        throw new AssertionError(s.displayName() + " exited; see " + children.get(s).log());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            s.displayName() + " not ready after " + timeout + "; see " + children.get(s).log());
      }
      Pause.millis(200);
    }
  }

  private boolean ready(Service s) {
    try {
      HttpResponse<Void> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url(s) + "/health/ready"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    killAll();
  }
}
