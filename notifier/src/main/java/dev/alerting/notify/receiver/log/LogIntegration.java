package dev.alerting.notify.receiver.log;

import dev.alerting.notify.receiver.Channels;
import dev.alerting.notify.receiver.Integration;
import dev.alerting.notify.receiver.Notifier;

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
  public Notifier notifier(Channels channels) {
    return new LogNotifier(channels.externalUrl());
  }
}
