package dev.alerting.launcher.cli;

import dev.alerting.launcher.Main;
import dev.alerting.platform.config.Settings;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./alerting up}: the whole stack in one process until Ctrl-C. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole suite in one process: an embedded Kafka broker, the embedded incident"
          + " store, the four services and the console (port 8084). Prints their URLs; Ctrl-C stops"
          + " everything.",
      "Options override the environment variables named in brackets."
    })
final class UpCommand implements Callable<Integer> {
  @Option(
      names = "--rules",
      paramLabel = "PATH",
      description = "rule file or folder [ALERTING_RULES] (default: deploy/rules.yml)")
  String rules;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Alertmanager-format routing [ALERTING_CONFIG] (default: deploy/alertmanager.yml)")
  String config;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Kafka log and incident database [ALERTING_DATA_DIR] (default: .alerting)")
  String dataDir;

  @Option(
      names = "--kafka-port",
      paramLabel = "PORT",
      description = "port of the embedded broker [KAFKA_PORT] (default: 9092)")
  Integer kafkaPort;

  CallerPaths paths = CallerPaths.fromEnvironment();

  @Override
  public Integer call() throws InterruptedException {
    return Main.up(settings(Settings.fromEnvironment()));
  }

  /**
   * The environment with the user's paths made absolute against their directory, options on top.
   */
  Settings settings(Settings env) {
    Map<String, String> m = new HashMap<>();
    put(m, "ALERTING_RULES", rules != null ? rules : env.optional("ALERTING_RULES").orElse(null));
    put(
        m,
        "ALERTING_CONFIG",
        config != null ? config : env.optional("ALERTING_CONFIG").orElse(null));
    put(
        m,
        "ALERTING_DATA_DIR",
        dataDir != null ? dataDir : env.optional("ALERTING_DATA_DIR").orElse(null));
    put(m, "RULES_FILE", env.optional("RULES_FILE").orElse(null));
    put(m, "NOTIFIER_CONFIG", env.optional("NOTIFIER_CONFIG").orElse(null));
    if (kafkaPort != null) {
      m.put("KAFKA_PORT", String.valueOf(kafkaPort));
    }
    return env.with(m);
  }

  private void put(Map<String, String> m, String key, String path) {
    if (path != null) {
      m.put(key, paths.resolve(path));
    }
  }
}
