package dev.alerting.notify.receiver;

import dev.alerting.notify.receiver.http.HttpTransport;
import io.vertx.core.Vertx;
import java.time.Duration;

/** Channels for tests: a real HTTP transport and our default templates. */
public final class TestChannels {
  public static final String EXTERNAL_URL = "http://notifier.test";

  private TestChannels() {}

  public static Channels of(Vertx vertx) {
    return of(vertx, EXTERNAL_URL);
  }

  public static Channels of(Vertx vertx, String externalUrl) {
    return new Channels(
        vertx,
        new HttpTransport(vertx, 8),
        AlertmanagerTemplates.defaults(externalUrl),
        externalUrl,
        Duration.ofSeconds(5));
  }
}
