package dev.alerting.ingest;

import dev.alerting.platform.service.ServiceMain;

/** Starts metrics-ingest from the environment (and {@code CONFIG_FILE}). */
public final class IngestMain {
  private IngestMain() {}

  public static void main(String[] args) {
    ServiceMain.run("metrics-ingest", settings -> new IngestVerticle(IngestConfig.from(settings)));
  }
}
