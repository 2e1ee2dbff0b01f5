package dev.alerting.notify.receiver.webhook;

import dev.alerting.notify.receiver.Channels;
import dev.alerting.notify.receiver.Integration;
import dev.alerting.notify.receiver.Notifier;
import dev.alerting.notify.receiver.Secrets;
import dev.alerting.notify.receiver.http.HttpConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@code webhook_configs} entry: POST the version 4 payload to {@code url}. */
public record WebhookConfig(
    URI url, boolean sendResolved, int maxAlerts, Optional<Duration> timeout, HttpConfig http)
    implements Integration {

  public WebhookConfig {
    if (url == null) {
      throw new IllegalArgumentException("url is required");
    }
    if (url.getHost() == null
        || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
      // the URL is not quoted: it may carry a token
      throw new IllegalArgumentException("is not an http(s) URL with a host");
    }
    if (maxAlerts < 0) {
      throw new IllegalArgumentException("max_alerts must not be negative");
    }
    timeout = timeout == null ? Optional.empty() : timeout;
    if (timeout.isPresent() && (timeout.get().isZero() || timeout.get().isNegative())) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    http = http == null ? HttpConfig.DEFAULT : http;
  }

  public WebhookConfig(URI url, boolean sendResolved, int maxAlerts, Optional<Duration> timeout) {
    this(url, sendResolved, maxAlerts, timeout, HttpConfig.DEFAULT);
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public List<String> secrets() {
    // Alertmanager treats the webhook URL as a secret: tokens often ride in its path or query.
    List<String> s = new ArrayList<>(Secrets.ofUrl(url.toString()));
    s.addAll(http.secrets());
    return s;
  }

  @Override
  public Notifier notifier(Channels channels) {
    return new WebhookNotifier(channels, this);
  }
}
