package dev.alerting.notify.receiver;

import java.util.List;

/**
 * One configured way a receiver notifies (a {@code webhook_configs} entry, a {@code slack_configs}
 * entry, ...): a validated record of Alertmanager's fields that builds the {@link Notifier} doing
 * the delivery.
 */
public interface Integration {
  /** Alertmanager's integration name: webhook, slack, pagerduty, email, opsgenie, ..., or log. */
  String name();

  /** Whether resolved alerts are sent to this integration. */
  boolean sendResolved();

  /** The most alerts one message carries (0 = all); the rest are counted as truncated. */
  default int maxAlerts() {
    return 0;
  }

  /** Values of this config that must never be shown (keys, passwords, tokens, secret URLs). */
  default List<String> secrets() {
    return List.of();
  }

  /** The notifier delivering for this config, built once per config when the service starts. */
  Notifier notifier(Channels channels);
}
