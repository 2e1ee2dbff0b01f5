package dev.alerting.platform.service;

import dev.alerting.platform.config.ConfigException;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.log.JsonLogEncoder;
import dev.alerting.platform.trace.Tracing;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.function.Function;

/**
 * The one way a service process starts: settings from the environment, the verticle built from them
 * (a bad value exits 2 with the key named), deployed on a fresh Vert.x that a shutdown hook closes,
 * so every verticle's {@code stop()} drains and commits.
 */
public final class ServiceMain {
  private ServiceMain() {}

  public static void run(String name, Function<Settings, VerticleBase> verticle) {
    System.setProperty(JsonLogEncoder.SERVICE_PROPERTY, name);
    VerticleBase v;
    try {
      v = verticle.apply(Settings.fromEnvironment());
      Tracing.forService(name); // a bad OTEL_* value stops start-up here, named
    } catch (ConfigException | ConfigurationException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    try {
      vertx.deployVerticle(v).await();
    } catch (RuntimeException e) {
      System.err.println(name + " did not start: " + e.getMessage());
      vertx.close().await();
      System.exit(1);
    }
  }
}
