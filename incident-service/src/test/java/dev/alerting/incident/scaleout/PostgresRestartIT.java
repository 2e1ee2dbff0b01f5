package dev.alerting.incident.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.Eventually;
import dev.alerting.testkit.PrivatePostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident database dies mid-stream: a private PostgreSQL server (not the shared one) is killed
 * with SIGKILL while two instances consume a stream of alert events, stays down while events keep
 * coming, and is started again (crash recovery). No event may be lost (the consumers must not
 * commit offsets of events they did not write), no incident doubled, and the instances must say
 * they are not ready while the database is down.
 */
@DisplayName("Incident service across a kill -9 of its PostgreSQL server")
class PostgresRestartIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int GROUPS = 150;
  private static final int ALERTS_PER_GROUP = 2;
  private static final int WAVES = 30;

  @Test
  @DisplayName(
      "PostgreSQL killed and restarted mid-stream: every event applied once, one incident per"
          + " group, not ready while it is down")
  void survivesDatabaseCrash(@TempDir Path dir) throws Exception {
    PrivatePostgres.Result started = PrivatePostgres.start();
    assumeTrue(started.server() != null, started.whyNot());
    try (PrivatePostgres pg = started.server();
        EmbeddedKafka kafka = EmbeddedKafka.start();
        AlertStream stream = new AlertStream(kafka.bootstrapServers(), ALERTS_PER_GROUP)) {
      Map<String, String> env = IncidentScaleOutIT.env(kafka.bootstrapServers(), pg.url(), dir);
      IncidentCensus census = new IncidentCensus(pg.url(), PostgresSchema.USER);
      try (IncidentInstances fleet = new IncidentInstances(env)) {
        int first = fleet.startInProcess();
        int second = fleet.startInProcess();

        // a steady stream over ~6 s in a thread of its own; the database dies at wave 10
        AtomicInteger waves = new AtomicInteger();
        int perWave = GROUPS / WAVES;
        CompletableFuture<Void> streaming =
            CompletableFuture.runAsync(
                () -> {
                  for (int w = 0; w < WAVES; w++) {
                    stream.fire(w * perWave, (w + 1) * perWave);
                    waves.incrementAndGet();
                    pause(200); // the stream's pace, not a wait for a result
                  }
                });
        Eventually.assertThat(WAIT, () -> assertThat(waves.get()).isGreaterThanOrEqualTo(10));
        Instant killed = Instant.now();
        pg.kill();

        // down: both instances say not ready (the store check fails)
        Eventually.assertThat(
            WAIT,
            () -> {
              assertThat(IncidentInstances.status(first, "/health/ready")).isEqualTo(503);
              assertThat(IncidentInstances.status(second, "/health/ready")).isEqualTo(503);
            });
        Eventually.assertThat(WAIT, () -> assertThat(waves.get()).isGreaterThanOrEqualTo(20));

        Instant restart = Instant.now();
        pg.startServer();
        Instant accepting = Instant.now();
        Instant resumed =
            Eventually.await(
                WAIT,
                "an event committed after the restart",
                () -> census.firstCommittedAfter(killed).orElse(null));
        streaming.join();
        Eventually.assertThat(
            WAIT, () -> assertThat(census.appliedEvents()).isEqualTo(stream.sent()));
        Instant allApplied = Instant.now();
        Eventually.assertThat(
            WAIT,
            () -> {
              assertThat(IncidentInstances.status(first, "/health/ready")).isEqualTo(200);
              assertThat(IncidentInstances.status(second, "/health/ready")).isEqualTo(200);
            });

        Map<String, Integer> perGroup = census.incidentsPerGroup();
        int duplicates = perGroup.values().stream().mapToInt(n -> n - 1).sum();
        System.out.printf(
            "PG-RESTART kill -9 at wave 10 of %d, down %.1f s; PostgreSQL start (crash recovery)"
                + " %.1f s; first event committed %.1f s after the start command; all %d events"
                + " applied %.1f s after it; %d incidents, %d duplicates, %d missing, %d events"
                + " lost%n",
            WAVES,
            seconds(killed, restart),
            seconds(restart, accepting),
            seconds(restart, resumed),
            stream.sent(),
            seconds(restart, allApplied),
            census.incidentIds().size(),
            duplicates,
            GROUPS - perGroup.size(),
            stream.sent() - census.appliedEvents());
        assertThat(census.holdersPerAlert())
            .hasSize(GROUPS * ALERTS_PER_GROUP)
            .allSatisfy((fp, n) -> assertThat(n).as(fp).isEqualTo(1));
        assertThat(perGroup)
            .hasSize(GROUPS)
            .allSatisfy((g, n) -> assertThat(n).as("incidents of %s", g).isEqualTo(1));
      }
    }
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
