package dev.alerting.notify.receiver.log;

import dev.alerting.notify.receiver.Integration;

/** The stand-in integration of a receiver without integrations: log each notification. */
public final class LogIntegration implements Integration {
  public static final LogIntegration INSTANCE = new LogIntegration();

  private LogIntegration() {}

  @Override
  public String name() {
    return "log";
  }

  @Override
  public boolean sendResolved() {
    return true;
  }

  @Override
  public boolean implemented() {
    return true;
  }
}
