package dev.alerting.notify.receiver.slack;

import dev.alerting.notify.receiver.Integration;

/**
 * A {@code slack_configs} entry (parsed and validated; delivery comes with the Slack integration).
 */
public record SlackConfig(String apiUrl, String channel, boolean sendResolved)
    implements Integration {
  public SlackConfig {
    if (apiUrl == null || apiUrl.isBlank()) {
      throw new IllegalArgumentException("api_url is required (here or as global.slack_api_url)");
    }
    channel = channel == null ? "" : channel;
  }

  @Override
  public String name() {
    return "slack";
  }
}
