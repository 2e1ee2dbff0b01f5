package dev.alerting.launcher.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of the test's own (initdb in a temporary directory, a free port, trust
 * authentication on 127.0.0.1), so a chaos test can stop it hard without touching the machine's
 * shared server. Run as the {@code postgres} user, as PostgreSQL refuses root.
 */
final class PrivatePostgres implements AutoCloseable {
  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

  private final Path data;
  private final Path log;
  private final int port;

  private PrivatePostgres(Path data, Path log, int port) {
    this.data = data;
    this.log = log;
    this.port = port;
  }

  /**
   * A new server in a directory of its own under the system's temporary directory (the {@code
   * postgres} user cannot enter a test's private {@code @TempDir}), started; empty when this
   * machine cannot run one.
   */
  static Optional<PrivatePostgres> start() throws IOException {
    if (!Files.isExecutable(BIN.resolve("initdb"))
        || !Files.isExecutable(Path.of("/usr/sbin/runuser"))) {
      return Optional.empty();
    }
    Path base = Files.createTempDirectory("chaos-pg");
    Path data = base.resolve("data");
    if (run(List.of("chown", "-R", "postgres", base.toString())) != 0
        || asPostgres(
                List.of(
                    BIN.resolve("initdb").toString(),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "-D",
                    data.toString()))
            != 0) {
      return Optional.empty();
    }
    PrivatePostgres pg =
        new PrivatePostgres(data, base.resolve("postgres.log"), ChaosBrokers.freePort());
    pg.startServer();
    return Optional.of(pg);
  }

  /** The incident service's settings for this server. */
  Map<String, String> incidentDb() {
    return Map.of(
        "INCIDENT_DB_URL",
        "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
        "INCIDENT_DB_USER",
        "postgres");
  }

  void startServer() {
    String options = "-p " + port + " -k " + data.getParent() + " -c listen_addresses=127.0.0.1";
    check(
        asPostgres(
            List.of(
                BIN.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-l",
                log.toString(),
                "-o",
                options,
                "-w",
                "start")),
        "start");
  }

  /** An immediate shutdown: no checkpoint, clients cut off, as after a crash. */
  void stopImmediately() {
    check(
        asPostgres(
            List.of(
                BIN.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-m",
                "immediate",
                "-w",
                "stop")),
        "stop");
  }

  private static void check(int rc, String what) {
    if (rc != 0) {
      throw new IllegalStateException("pg_ctl " + what + " failed with " + rc);
    }
  }

  private static int asPostgres(List<String> command) {
    List<String> c = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", "postgres", "--"));
    c.addAll(command);
    return run(c);
  }

  private static int run(List<String> command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() {
    asPostgres(
        List.of(
            BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"));
    run(List.of("rm", "-rf", data.getParent().toString()));
  }
}
