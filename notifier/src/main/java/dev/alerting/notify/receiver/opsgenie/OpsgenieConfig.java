package dev.alerting.notify.receiver.opsgenie;

import dev.alerting.notify.receiver.Integration;

/**
 * An {@code opsgenie_configs} entry (parsed and validated; delivery comes with the Opsgenie
 * integration).
 */
public record OpsgenieConfig(String apiKey, String apiUrl, boolean sendResolved)
    implements Integration {
  public OpsgenieConfig {
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException(
          "api_key is required (here or as global.opsgenie_api_key)");
    }
    apiUrl = apiUrl == null || apiUrl.isBlank() ? "https://api.opsgenie.com/" : apiUrl;
  }

  @Override
  public String name() {
    return "opsgenie";
  }
}
