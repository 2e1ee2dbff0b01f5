package dev.alerting.notify.receiver.pagerduty;

import dev.alerting.notify.receiver.Integration;

/**
 * A {@code pagerduty_configs} entry (parsed and validated; delivery comes with the PagerDuty
 * integration).
 */
public record PagerdutyConfig(
    String routingKey, String serviceKey, String url, boolean sendResolved) implements Integration {
  public PagerdutyConfig {
    routingKey = routingKey == null ? "" : routingKey;
    serviceKey = serviceKey == null ? "" : serviceKey;
    if (routingKey.isBlank() && serviceKey.isBlank()) {
      throw new IllegalArgumentException("one of routing_key or service_key is required");
    }
    url = url == null ? "" : url;
  }

  @Override
  public String name() {
    return "pagerduty";
  }
}
