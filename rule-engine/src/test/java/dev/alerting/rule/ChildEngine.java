package dev.alerting.rule;

import dev.alerting.testkit.ChildJava;
import dev.alerting.testkit.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule engine in a child JVM ({@code RuleEngineMain} on this test's classpath), so a test can
 * {@code kill -9} it. Its HTTP port is chosen up front so the test can ask its health and API.
 */
final class ChildEngine implements AutoCloseable {
  private final ChildJava child;
  private final int port;
  private final Path log;

  private ChildEngine(ChildJava child, int port, Path log) {
    this.child = child;
    this.port = port;
    this.log = log;
  }

  /** Starts an engine on {@code kafka} with {@code rules}; {@code env} adds or overrides keys. */
  static ChildEngine start(EmbeddedKafka kafka, Path rules, Map<String, String> env, Path log)
      throws IOException {
    int port = ChildJava.freePort();
    Map<String, String> all = new HashMap<>();
    all.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    all.put("RULES_FILE", rules.toString());
    all.put("RULES_HTTP_PORT", String.valueOf(port));
    all.put("RULES_TICK_INTERVAL", "1s");
    all.putAll(env);
    ChildJava child =
        ChildJava.start(
            "child rule engine",
            RuleEngineMain.class,
            List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
            all,
            log);
    return new ChildEngine(child, port, log);
  }

  int port() {
    return port;
  }

  Path log() {
    return log;
  }

  boolean alive() {
    return child.alive();
  }

  /** SIGKILL: the JVM stops at once, nothing flushed, closed or left. */
  void kill() throws InterruptedException {
    child.kill();
  }

  @Override
  public void close() throws InterruptedException {
    child.close();
  }
}
