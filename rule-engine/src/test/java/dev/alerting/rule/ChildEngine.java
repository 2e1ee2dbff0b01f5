package dev.alerting.rule;

import dev.alerting.testkit.EmbeddedKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A rule engine in a child JVM ({@code RuleEngineMain} on this test's classpath), so a test can
 * {@code kill -9} it: nothing of it runs any shutdown code. Its HTTP port is chosen up front so the
 * test can ask its health and API.
 */
final class ChildEngine implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private ChildEngine(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts an engine on {@code kafka} with {@code rules}; {@code env} adds or overrides keys. */
  static ChildEngine start(EmbeddedKafka kafka, Path rules, Map<String, String> env, Path log)
      throws IOException {
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
            "-XX:TieredStopAtLevel=1",
            "-cp",
            cp,
            RuleEngineMain.class.getName());
    Map<String, String> all = new HashMap<>();
    all.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    all.put("RULES_FILE", rules.toString());
    all.put("RULES_HTTP_PORT", String.valueOf(port));
    all.put("RULES_TICK_INTERVAL", "1s");
    all.putAll(env);
    pb.environment().putAll(all);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new ChildEngine(pb.start(), port, log);
  }

  int port() {
    return port;
  }

  Path log() {
    return log;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL: the JVM stops at once, nothing flushed, closed or left. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("child rule engine did not die");
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
