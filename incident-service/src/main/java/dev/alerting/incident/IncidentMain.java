package dev.alerting.incident;

import dev.alerting.platform.service.ServiceMain;

/** Starts incident-service from the environment (and {@code CONFIG_FILE}). */
public final class IncidentMain {
  private IncidentMain() {}

  public static void main(String[] args) {
    ServiceMain.run(
        "incident-service", settings -> new IncidentVerticle(IncidentConfig.from(settings)));
  }
}
