package dev.alerting.launcher.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A main class in a child JVM on the test's class path, so a test can {@code kill -9} it: nothing
 * of it runs any shutdown code. Its output is appended to one log file across restarts, and a
 * restart starts the same command with the same environment.
 */
final class ChildJvm implements AutoCloseable {
  // children outlive a test JVM that is itself stopped (a fork timeout): kill them on its way out
  /**
   * A child lives for minutes and is mostly starting up: C1 only and the serial collector cut its
   * start-up CPU on a busy two-core machine (a restart ~17-40 % sooner, the CI form in half the
   * time; docs/chaos.md). {@code -Dchaos.jvm.flags=} (empty) runs the JVM's defaults instead.
   */
  static final String DEFAULT_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> LIVE.forEach(Process::destroyForcibly), "chaos-children"));
  }

  private final String name;
  private final List<String> command;
  private final Map<String, String> env;
  private final Path log;
  private Process process;

  ChildJvm(
      String name,
      String heap,
      Class<?> main,
      List<String> args,
      Map<String, String> env,
      Path log) {
    this.name = name;
    this.env = Map.copyOf(env);
    this.log = log;
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.add("-Xmx" + heap);
    String flags = System.getProperty("chaos.jvm.flags", DEFAULT_FLAGS).trim();
    if (!flags.isEmpty()) {
      c.addAll(List.of(flags.split("\\s+")));
    }
    c.add("-cp");
    c.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    c.add(main.getName());
    c.addAll(args);
    this.command = List.copyOf(c);
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  /** Starts the process (again, after {@link #kill}). */
  void start() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    Files.createDirectories(log.getParent());
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    // the repository root, as for ./alerting
    pb.directory(Path.of("").toAbsolutePath().getParent().toFile());
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = pb.start();
    LIVE.add(process);
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL, and waits until the process is gone. */
  void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    LIVE.remove(process);
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " (pid " + process.pid() + ") did not die");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing " + name, e);
    }
  }

  @Override
  public void close() {
    kill();
  }
}
