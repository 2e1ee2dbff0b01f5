package dev.alerting.notify;

import dev.alerting.platform.service.ServiceMain;

/** Starts notifier from the environment (and {@code CONFIG_FILE}). */
public final class NotifierMain {
  private NotifierMain() {}

  public static void main(String[] args) {
    ServiceMain.run("notifier", settings -> new NotifierVerticle(NotifierConfig.from(settings)));
  }
}
