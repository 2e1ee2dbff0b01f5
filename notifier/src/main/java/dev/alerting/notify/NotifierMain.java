package dev.alerting.notify;

import dev.alerting.platform.config.ConfigException;
import dev.alerting.platform.config.Settings;
import io.vertx.core.Vertx;

/** Starts the notifier from the environment (and {@code CONFIG_FILE}). */
public final class NotifierMain {
  private NotifierMain() {}

  public static void main(String[] args) {
    NotifierConfig config;
    try {
      config = NotifierConfig.from(Settings.fromEnvironment());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    try {
      vertx.deployVerticle(new NotifierVerticle(config)).await();
    } catch (RuntimeException e) {
      System.err.println("notifier did not start: " + e.getMessage());
      vertx.close().await();
      System.exit(1);
    }
  }
}
