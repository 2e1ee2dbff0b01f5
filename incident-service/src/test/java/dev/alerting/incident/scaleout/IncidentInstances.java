package dev.alerting.incident.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.incident.IncidentConfig;
import dev.alerting.incident.IncidentMain;
import dev.alerting.incident.IncidentVerticle;
import dev.alerting.platform.config.Settings;
import dev.alerting.testkit.ChildJava;
import dev.alerting.testkit.Eventually;
import io.vertx.core.Vertx;
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

/**
 * Incident-service instances of one test, all in one consumer group on one database: in-process
 * verticles (each on its own Vert.x) and child JVMs running {@link IncidentMain} from the test's
 * class path, which a test can kill with SIGKILL. Closing stops whatever is still running.
 */
final class IncidentInstances implements AutoCloseable {
  static final Duration READY = Duration.ofSeconds(60);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private final Map<String, String> env;
  private final List<Vertx> inProcess = new ArrayList<>();
  private final List<Child> children = new ArrayList<>();

  /** {@code env}: the settings every instance shares (Kafka, database, group, on-call file). */
  IncidentInstances(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** Starts an instance in this JVM; answers its HTTP port once it is deployed (ready). */
  int startInProcess() {
    Map<String, String> values = new HashMap<>(env);
    values.put("INCIDENT_HTTP_PORT", "0");
    Vertx vertx = Vertx.vertx();
    inProcess.add(vertx);
    IncidentVerticle service = new IncidentVerticle(IncidentConfig.from(Settings.of(values)));
    vertx.deployVerticle(service).await();
    return service.httpPort();
  }

  /** Starts an instance as a child JVM logging to {@code log}; answers once it is ready. */
  Child startChild(Path log) throws IOException {
    int port = ChildJava.freePort();
    Files.createDirectories(log.getParent());
    Map<String, String> all = new HashMap<>(env);
    all.put("INCIDENT_HTTP_PORT", Integer.toString(port));
    Child child =
        new Child(
            ChildJava.start(
                "child incident service",
                IncidentMain.class,
                List.of("-XX:TieredStopAtLevel=1"),
                all,
                log),
            port,
            log);
    children.add(child);
    Eventually.assertThat(
        READY,
        () -> {
          assertThat(child.process().alive()).as("child JVM alive (see " + log + ")").isTrue();
          assertThat(status(child.port(), "/health/ready")).isEqualTo(200);
        });
    return child;
  }

  /** The status of {@code GET path} on an instance, or -1 when it does not answer. */
  static int status(int port, String path) {
    try {
      HttpRequest get =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(15))
              .GET()
              .build();
      return HTTP.send(get, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() {
    for (Child c : children) {
      c.kill();
    }
    for (Vertx v : inProcess) {
      v.close().await();
    }
  }

  /** An instance in its own JVM. */
  record Child(ChildJava process, int port, Path log) {
    /** SIGKILL: no shutdown hook, no drain, no offset commit, no transaction finished. */
    void kill() {
      try {
        process.kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Whether the instance has logged that it opened incidents (so it owned partitions). */
    boolean openedIncidents() throws IOException {
      return Files.readString(log).contains("incidents opened");
    }
  }
}
