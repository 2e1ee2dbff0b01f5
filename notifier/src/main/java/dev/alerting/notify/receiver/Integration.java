package dev.alerting.notify.receiver;

/**
 * One configured way a receiver notifies (a {@code webhook_configs} entry, a {@code slack_configs}
 * entry, ...). Integrations that are not {@link #implemented()} yet are parsed and validated so a
 * real Alertmanager file loads, and their notifications are written to the log instead.
 */
public interface Integration {
  /** Alertmanager's integration name: webhook, slack, pagerduty, email, opsgenie, or log. */
  String name();

  /** Whether resolved alerts are sent to this integration. */
  boolean sendResolved();

  /** Whether this integration really delivers; otherwise the log receiver stands in for it. */
  default boolean implemented() {
    return false;
  }

  /** The most alerts one message carries (0 = all); the rest are counted as truncated. */
  default int maxAlerts() {
    return 0;
  }
}
