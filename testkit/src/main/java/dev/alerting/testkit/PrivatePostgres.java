package dev.alerting.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of one test, made with the machine's own binaries in a temporary directory on
 * a free port, so the test can kill it with SIGKILL and start it again without touching the shared
 * server other tests use. {@code initdb} refuses to run as root, so as root the server runs as the
 * {@code postgres} user ({@code runuser}). {@link #start} answers empty, with the reason, when the
 * machine cannot run one.
 */
public final class PrivatePostgres implements AutoCloseable {
  private final Path bin;
  private final Path data;
  private final int port;
  private final boolean asPostgres;

  private PrivatePostgres(Path bin, Path data, int port, boolean asPostgres) {
    this.bin = bin;
    this.data = data;
    this.port = port;
    this.asPostgres = asPostgres;
  }

  /** A fresh server, started; or why there is none. */
  public static Result start() {
    Optional<Path> bin = binaries();
    if (bin.isEmpty()) {
      return new Result(null, "no PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql");
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    try {
      Path data = Files.createTempDirectory("private-pg-");
      if (root) {
        UserPrincipal postgres =
            data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(data, postgres);
      }
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      PrivatePostgres pg = new PrivatePostgres(bin.get(), data, port, root);
      pg.run("initdb", "-D", data.toString(), "-A", "trust", "-U", "postgres", "--no-sync");
      pg.startServer();
      return new Result(pg, null);
    } catch (IOException | RuntimeException e) {
      return new Result(null, "cannot run a private PostgreSQL: " + e.getMessage());
    }
  }

  /** A server, or why the machine cannot run one. */
  public record Result(PrivatePostgres server, String whyNot) {}

  /** The JDBC URL of its {@code postgres} database. */
  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** Starts the server (again) and waits until it accepts connections. */
  public void startServer() {
    run(
        "pg_ctl",
        "-D",
        data.toString(),
        "-l",
        data.resolve("server.log").toString(),
        "-o",
        // commit timestamps: a test can read when a row was committed, not only when its
        // transaction began
        "-p "
            + port
            + " -k "
            + data
            + " -c listen_addresses=127.0.0.1 -c track_commit_timestamp=on",
        "-w",
        "-t",
        "60",
        "start");
  }

  /**
   * SIGKILL to the postmaster and every backend at once: the server dies as in a crash, with no
   * checkpoint and no goodbye to clients; the next start runs crash recovery.
   */
  public void kill() throws IOException {
    long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
    List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
    all.add(0, postmaster);
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : all) {
      p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
    }
  }

  /** An immediate shutdown ({@code pg_ctl stop -m immediate}): no checkpoint, clients cut off. */
  public void stopImmediately() {
    run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
  }

  @Override
  public void close() throws IOException {
    try {
      run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
    } catch (RuntimeException e) {
      // already down
    }
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private void run(String tool, String... args) {
    List<String> cmd = new ArrayList<>();
    if (asPostgres) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.add(bin.resolve(tool).toString());
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(tool + " failed: " + out.strip());
      }
    } catch (IOException e) {
      throw new IllegalStateException(tool + " did not run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(tool + " interrupted", e);
    }
  }

  /** The newest {@code /usr/lib/postgresql/<version>/bin} with initdb and pg_ctl. */
  private static Optional<Path> binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(b -> versionOf(b.getParent())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int versionOf(Path dir) {
    try {
      return Integer.parseInt(dir.getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
