package dev.alerting.incident;

import dev.alerting.platform.config.ConfigException;
import dev.alerting.platform.config.Settings;
import io.vertx.core.Vertx;

/** Starts the incident service from the environment (and {@code CONFIG_FILE}). */
public final class IncidentMain {
  private IncidentMain() {}

  public static void main(String[] args) {
    IncidentConfig config;
    try {
      config = IncidentConfig.from(Settings.fromEnvironment());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    IncidentVerticle verticle = new IncidentVerticle(config);
    try {
      vertx.deployVerticle(verticle).await();
    } catch (RuntimeException e) {
      System.err.println("incident-service did not start: " + e.getMessage());
      vertx.close().await();
      System.exit(1);
    }
    System.out.println("incident-service listening on http://localhost:" + verticle.httpPort());
  }
}
