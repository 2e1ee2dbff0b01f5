package dev.alerting.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A main class of the test's own class path run in a child JVM, so a test can {@code kill -9} it:
 * nothing of it runs any shutdown code. Its output is appended to a log file the test names.
 */
public final class ChildJava implements AutoCloseable {
  private final String name;
  private final Process process;

  private ChildJava(String name, Process process) {
    this.name = name;
    this.process = process;
  }

  /** A port free now, for a child whose HTTP port the test must know before it starts. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * Starts {@code main} with {@code jvmOptions} and {@code env} added to this process's
   * environment, output appended to {@code log}.
   */
  public static ChildJava start(
      String name, Class<?> main, List<String> jvmOptions, Map<String, String> env, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    // failsafe and surefire may run tests from a manifest-only jar: their property has the real
    // path
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add(main.getName());
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new ChildJava(name, pb.start());
  }

  public boolean alive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: the JVM stops at once, nothing flushed or closed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " did not die");
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
