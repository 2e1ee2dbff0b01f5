package dev.alerting.notify.receiver.webex;

import dev.alerting.notify.receiver.Channels;
import dev.alerting.notify.receiver.Integration;
import dev.alerting.notify.receiver.Notifier;
import dev.alerting.notify.receiver.http.HttpConfig;
import java.util.List;

/** A {@code webex_configs} entry: a markdown message to a room, bot token in http_config. */
public record WebexConfig(
    String apiUrl, String roomId, String message, boolean sendResolved, HttpConfig http)
    implements Integration {
  public static final String DEFAULT_API_URL = "https://webexapis.com/v1/messages";

  public WebexConfig {
    apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl;
    if (roomId == null || roomId.isBlank()) {
      throw new IllegalArgumentException("room_id is required");
    }
    if (http == null || http.authorization().isEmpty()) {
      throw new IllegalArgumentException(
          "http_config.authorization (the bot token) is required for webex");
    }
  }

  @Override
  public String name() {
    return "webex";
  }

  @Override
  public List<String> secrets() {
    return http.secrets();
  }

  @Override
  public Notifier notifier(Channels channels) {
    return new WebexNotifier(channels, this);
  }
}
