package dev.alerting.notify.receiver.webhook;

import dev.alerting.notify.receiver.Integration;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** A {@code webhook_configs} entry: POST the version 4 payload to {@code url}. */
public record WebhookConfig(
    URI url, boolean sendResolved, int maxAlerts, Optional<Duration> timeout)
    implements Integration {

  public WebhookConfig {
    if (url == null) {
      throw new IllegalArgumentException("url is required");
    }
    if (url.getHost() == null
        || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
      throw new IllegalArgumentException("'" + url + "' is not an http(s) URL with a host");
    }
    if (maxAlerts < 0) {
      throw new IllegalArgumentException("max_alerts must not be negative");
    }
    timeout = timeout == null ? Optional.empty() : timeout;
    if (timeout.isPresent() && (timeout.get().isZero() || timeout.get().isNegative())) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public boolean implemented() {
    return true;
  }
}
