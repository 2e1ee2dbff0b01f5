package dev.alerting.launcher;

import dev.alerting.console.ConsoleConfig;
import dev.alerting.launcher.cli.AlertingCommand;
import dev.alerting.platform.config.ConfigException;
import dev.alerting.platform.config.Settings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./alerting up}: the suite on the embedded default, with the example rules, routing and
 * on-call file from {@code deploy/} unless {@code ALERTING_RULES} / {@code ALERTING_CONFIG} /
 * {@code ALERTING_ONCALL} name the user's.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(AlertingCommand.execute(args));
  }

  /** Runs the stack until the JVM is asked to stop; returns the exit code of a failed start. */
  public static int up(Settings env) throws InterruptedException {
    long t0 = System.nanoTime();
    AlertingStack stack;
    try {
      Settings settings = stackSettings(env);
      ConsoleConfig.from(settings); // a bad CONSOLE_* value stops start-up before anything runs
      stack = AlertingStack.start(settings, settings.port("KAFKA_PORT", 9092));
      try {
        stack.startConsole();
      } catch (RuntimeException e) {
        stack.close();
        throw e;
      }
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      System.err.println("alerting: the stack did not start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("stopping…");
                  stack.close();
                  stopped.countDown();
                }));
    printBanner(stack, (System.nanoTime() - t0) / 1_000_000);
    stopped.await();
    return 0;
  }

  /**
   * The stack's defaults under the user's settings: example files from deploy/ (or {@code
   * ALERTING_RULES} / {@code ALERTING_CONFIG}), Kafka data and an H2 incident store under {@code
   * ALERTING_DATA_DIR}. A service's own key, when set, wins.
   */
  static Settings stackSettings(Settings env) {
    Path data = Path.of(env.string("ALERTING_DATA_DIR", ".alerting")).toAbsolutePath();
    Map<String, String> defaults = new HashMap<>();
    defaults.put("RULES_FILE", env.string("ALERTING_RULES", "deploy/rules.yml"));
    defaults.put("NOTIFIER_CONFIG", env.string("ALERTING_CONFIG", "deploy/alertmanager.yml"));
    defaults.put("INCIDENT_ONCALL_CONFIG", env.string("ALERTING_ONCALL", "deploy/oncall.yml"));
    defaults.put("ALERTING_KAFKA_DIR", data.resolve("kafka").toString());
    if (env.optional("KAFKA_BOOTSTRAP_SERVERS").isEmpty()) {
      // its own broker: this process is the only rule engine there ever is, so a restart after a
      // crash takes the election seat back at once instead of waiting out the dead one's session
      defaults.put("RULES_INSTANCE_ID", "alerting-up");
    }
    defaults.put(
        "INCIDENT_DB_URL",
        "jdbc:h2:file:"
            + data.resolve("incidents/incidents")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
    Map<String, String> unset = new HashMap<>();
    defaults.forEach(
        (k, v) -> {
          if (env.optional(k).isEmpty()) {
            unset.put(k, v);
          }
        });
    return env.with(unset);
  }

  private static void printBanner(AlertingStack stack, long startupMillis) {
    StringBuilder sb = new StringBuilder();
    sb.append("\nAlerting suite is up in ")
        .append(startupMillis)
        .append(" ms (Kafka at ")
        .append(stack.bootstrapServers())
        .append(")\n\n");
    for (Service s : Service.values()) {
      sb.append(String.format("  %-17s %s%n", s.displayName(), stack.url(s)));
    }
    sb.append(String.format("  %-17s %s%n", "console", stack.consoleUrl()));
    sb.append("\nTry it:\n")
        .append("  curl -s -XPOST ")
        .append(stack.url(Service.INGEST))
        .append("/api/v1/samples -H 'Content-Type: application/json' \\\n")
        .append(
            "    -d '[{\"name\":\"demo_queue_depth\",\"labels\":{\"service\":\"checkout\"},\"value\":250}]'\n")
        .append("  curl -s ")
        .append(stack.url(Service.RULES))
        .append("/api/v1/alerts\n")
        .append("  curl -s ")
        .append(stack.url(Service.INCIDENTS))
        .append("/api/v1/incidents\n")
        .append("\nOpen the console: ")
        .append(stack.consoleUrl())
        .append("\nCtrl-C stops everything.\n");
    System.out.println(sb);
  }
}
