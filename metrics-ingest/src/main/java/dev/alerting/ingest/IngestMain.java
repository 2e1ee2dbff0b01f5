package dev.alerting.ingest;

import dev.alerting.platform.config.ConfigException;
import dev.alerting.platform.config.Settings;
import io.vertx.core.Vertx;

/** Starts metrics-ingest from the environment (and {@code CONFIG_FILE}). */
public final class IngestMain {
  private IngestMain() {}

  public static void main(String[] args) {
    IngestConfig config;
    try {
      config = IngestConfig.from(Settings.fromEnvironment());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    try {
      vertx.deployVerticle(new IngestVerticle(config)).await();
    } catch (RuntimeException e) {
      System.err.println("metrics-ingest did not start: " + e.getMessage());
      System.exit(1);
    }
  }
}
