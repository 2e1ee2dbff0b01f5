package dev.alerting.console;

import dev.alerting.platform.service.ServiceMain;

/** Starts the console from the environment (and {@code CONFIG_FILE}). */
public final class ConsoleMain {
  private ConsoleMain() {}

  public static void main(String[] args) {
    ServiceMain.run("console", settings -> new ConsoleVerticle(ConsoleConfig.from(settings)));
  }
}
