package dev.alerting.notify.receiver;

import dev.alerting.platform.config.Settings;

/**
 * How hard the notifier pushes on receivers: requests in flight per receiver, the keep-alive
 * connections per HTTP target, and how many recent deliveries the notifications API remembers.
 */
public record DeliverySettings(int maxInFlightPerReceiver, int httpPoolSize, int historySize) {

  /** Deliveries in flight at once per receiver; more wait their turn. */
  public static final String MAX_IN_FLIGHT = "NOTIFIER_MAX_IN_FLIGHT";

  /** Keep-alive HTTP connections per target host (per distinct http_config). */
  public static final String HTTP_POOL_SIZE = "NOTIFIER_HTTP_POOL_SIZE";

  /** Recent deliveries kept for {@code GET /api/v1/notifications}. */
  public static final String HISTORY_SIZE = "NOTIFIER_HISTORY_SIZE";

  public DeliverySettings {
    if (maxInFlightPerReceiver < 1 || httpPoolSize < 1 || historySize < 1) {
      throw new IllegalArgumentException("delivery settings must be positive");
    }
  }

  public static DeliverySettings defaults() {
    return new DeliverySettings(64, 64, 1000);
  }

  public static DeliverySettings from(Settings s) {
    return new DeliverySettings(
        s.intInRange(MAX_IN_FLIGHT, 64, 1, 10_000),
        s.intInRange(HTTP_POOL_SIZE, 64, 1, 10_000),
        s.intInRange(HISTORY_SIZE, 1000, 1, 1_000_000));
  }
}
