package dev.alerting.notify;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A notifier in a child JVM (NotifierMain with the given environment), so a test can {@code kill
 * -9} it: nothing of it runs any shutdown code. Its HTTP port is chosen up front so the test can
 * ask its API.
 */
final class ChildNotifier implements AutoCloseable {
  private final Process process;
  private final int port;

  private ChildNotifier(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static ChildNotifier start(Map<String, String> env, Path log) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                cp,
                NotifierMain.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    pb.environment().put("NOTIFIER_HTTP_PORT", String.valueOf(port));
    return new ChildNotifier(pb.start(), port);
  }

  int port() {
    return port;
  }

  /** SIGKILL: the JVM stops at once, nothing flushed or closed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("child notifier did not die");
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
