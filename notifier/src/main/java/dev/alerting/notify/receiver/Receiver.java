package dev.alerting.notify.receiver;

import dev.alerting.notify.receiver.log.LogIntegration;
import java.util.List;

/**
 * A named receiver and its integrations. A receiver with no integrations is our log receiver: each
 * notification becomes one JSON log line (in Alertmanager such a receiver silently drops them),
 * which keeps a config written for Alertmanager valid while still showing what would be sent.
 */
public record Receiver(String name, List<Integration> integrations) {
  public Receiver {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("receiver has no name");
    }
    integrations = List.copyOf(integrations);
  }

  /**
   * What actually runs: the configured integrations, or the log integration when there are none.
   */
  public List<Integration> effectiveIntegrations() {
    return integrations.isEmpty() ? List.of(LogIntegration.INSTANCE) : integrations;
  }

  /** Every secret of this receiver's integrations, for the {@link Redactor}. */
  public List<String> secrets() {
    return integrations.stream().flatMap(i -> i.secrets().stream()).toList();
  }
}
