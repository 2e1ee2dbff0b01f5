package dev.alerting.launcher.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.launcher.Main;
import dev.alerting.launcher.Service;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.testkit.TopicProbe;
import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario as a user runs it: {@code ./alerting up} (embedded broker and all services
 * in one process, here a child JVM on the test classpath), 40 series firing under steady pushes,
 * {@code kill -9} of the whole process, a restart on the same data directory, then all 40 series go
 * back under the threshold. Counted: fires and resolves per series (each exactly once) and the
 * seconds from the restart to the first and to the last resolve. Figures in docs/recovery.md.
 */
@DisplayName("Chaos: kill -9 of the whole one-command stack under steady pushes")
@Timeout(value = 6, unit = TimeUnit.MINUTES) // a guard only: every wait below has its own deadline
class StackKillIT {
  private static final int SERIES = 40;
  private static final String RULES =
      """
      groups:
        - name: chaos
          rules:
            - alert: ChaosHot
              expr: chaos_value > 5
      """;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path dir;
  private Process stack;
  private TopicProbe alerts;

  @AfterEach
  void stop() throws IOException {
    Path log = dir.resolve("stack.log");
    if (Files.exists(log)) {
      // kept for reading the timeline after the temporary directory is gone
      Files.copy(
          log, Path.of("target/stack-kill.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    if (alerts != null) {
      alerts.close();
    }
    if (stack != null) {
      stack.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private Process startStack(Path rules, int kafkaPort, int ingestPort, Path log)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx768m"));
    // -Dstack.jvm.flags="-XX:TieredStopAtLevel=1" measures JVM options (docs/recovery.md)
    String flags = System.getProperty("stack.jvm.flags", "").trim();
    if (!flags.isEmpty()) {
      command.addAll(List.of(flags.split("\\s+")));
    }
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "up"));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.putAll(Service.freePorts());
    env.put("INGEST_HTTP_PORT", String.valueOf(ingestPort));
    env.put("KAFKA_PORT", String.valueOf(kafkaPort));
    env.put("ALERTING_DATA_DIR", dir.resolve("data").toString());
    env.put("ALERTING_RULES", rules.toString());
    env.remove("KAFKA_BOOTSTRAP_SERVERS");
    // the repository root, where the default routing file deploy/alertmanager.yml lives
    pb.directory(Path.of("").toAbsolutePath().getParent().toFile());
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return pb.start();
  }

  /** Pushes every series at {@code value}; false when ingest did not answer 200 (down). */
  private static boolean push(int ingestPort, double value) {
    long now = System.currentTimeMillis();
    String body =
        java.util.stream.IntStream.range(0, SERIES)
            .mapToObj(
                i ->
                    "{\"name\":\"chaos_value\",\"labels\":{\"instance\":\"i"
                        + i
                        + "\"},\"value\":"
                        + value
                        + ",\"timestamp\":"
                        + now
                        + "}")
            .collect(Collectors.joining(",", "[", "]"));
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + ingestPort + "/api/v1/samples"))
                  .timeout(Duration.ofSeconds(5))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Map<String, Long> count(AlertStatus status) {
    Map<String, Long> out = new HashMap<>();
    for (var r : alerts.records()) {
      Alert a = AlertCodec.decode(r.value());
      if (a.status() == status && "ChaosHot".equals(a.name())) {
        out.merge(a.labels().get("instance"), 1L, Long::sum);
      }
    }
    return out;
  }

  private static void within(long deadline, String what) {
    assertThat(System.nanoTime()).as(what).isLessThan(deadline);
  }

  @Test
  @DisplayName(
      "after kill -9 and a restart of the stack, every series resolves exactly once and none"
          + " fires twice; prints seconds from restart to the first and last resolve")
  void stackRecoversAfterKill() throws Exception {
    Path rules = Files.writeString(dir.resolve("rules.yml"), RULES);
    Path log = dir.resolve("stack.log");
    int kafkaPort = freePort();
    int ingestPort = freePort();
    stack = startStack(rules, kafkaPort, ingestPort, log);

    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (!push(ingestPort, 10)) {
      within(deadline, "stack up; log " + log);
      alertsPause();
    }
    alerts = new TopicProbe("localhost:" + kafkaPort, Topics.ALERTS);
    while (count(AlertStatus.FIRING).size() < SERIES) {
      within(deadline, "all firing; log " + log);
      push(ingestPort, 10);
      alerts.drain();
    }

    stack.destroyForcibly().waitFor();
    long logBefore = Files.size(log);
    long restartedAtMs = System.currentTimeMillis();
    stack = startStack(rules, kafkaPort, ingestPort, log);
    long restarted = System.nanoTime();
    deadline = restarted + Duration.ofSeconds(300).toNanos();
    double first = -1;
    while (count(AlertStatus.RESOLVED).size() < SERIES) {
      within(deadline, "all resolved; log " + log);
      push(ingestPort, 1);
      alerts.drain();
      if (first < 0 && !count(AlertStatus.RESOLVED).isEmpty()) {
        first = (System.nanoTime() - restarted) / 1e9;
      }
    }
    double last = (System.nanoTime() - restarted) / 1e9;
    alerts.drain();
    System.out.printf(
        "RECOVERY stack kill -9 (%d series): first resolve %.1f s, all resolved %.1f s%n",
        SERIES, first, last);
    System.out.println(RestartPhases.read(log, logBefore, restartedAtMs));

    Map<String, Long> fired = count(AlertStatus.FIRING);
    Map<String, Long> resolved = count(AlertStatus.RESOLVED);
    assertThat(fired)
        .as("firing events per series")
        .hasSize(SERIES)
        .allSatisfy((k, v) -> assertThat(v).isEqualTo(1L));
    assertThat(resolved)
        .as("resolved events per series")
        .hasSize(SERIES)
        .allSatisfy((k, v) -> assertThat(v).isEqualTo(1L));
  }

  private void alertsPause() {
    try {
      stack.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertThat(stack.isAlive()).as("stack process alive").isTrue();
  }
}
