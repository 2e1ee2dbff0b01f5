package dev.alerting.rule;

import dev.alerting.platform.config.ConfigException;
import dev.alerting.platform.config.Settings;
import io.vertx.core.Vertx;

/** Starts the rule engine from the environment (and {@code CONFIG_FILE}). */
public final class RuleEngineMain {
  private RuleEngineMain() {}

  public static void main(String[] args) {
    RuleEngineConfig config;
    try {
      config = RuleEngineConfig.from(Settings.fromEnvironment());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    try {
      vertx.deployVerticle(new RuleEngineVerticle(config)).await();
    } catch (RuntimeException e) {
      System.err.println("rule-engine did not start: " + e.getMessage());
      vertx.close().await();
      System.exit(1);
    }
  }
}
