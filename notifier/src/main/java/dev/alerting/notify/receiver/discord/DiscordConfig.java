package dev.alerting.notify.receiver.discord;

import dev.alerting.notify.receiver.Channels;
import dev.alerting.notify.receiver.Integration;
import dev.alerting.notify.receiver.Notifier;
import dev.alerting.notify.receiver.Secrets;
import dev.alerting.notify.receiver.http.HttpConfig;
import java.util.ArrayList;
import java.util.List;

/** A {@code discord_configs} entry: one embed posted to a channel webhook. */
public record DiscordConfig(
    String webhookUrl,
    String title,
    String message,
    String content,
    String username,
    String avatarUrl,
    boolean sendResolved,
    HttpConfig http)
    implements Integration {
  public DiscordConfig {
    if (webhookUrl == null || webhookUrl.isBlank()) {
      throw new IllegalArgumentException("webhook_url or webhook_url_file is required");
    }
    content = content == null ? "" : content;
    username = username == null ? "" : username;
    avatarUrl = avatarUrl == null ? "" : avatarUrl;
    http = http == null ? HttpConfig.DEFAULT : http;
  }

  @Override
  public String name() {
    return "discord";
  }

  @Override
  public List<String> secrets() {
    List<String> s = new ArrayList<>(Secrets.ofUrl(webhookUrl));
    s.addAll(http.secrets());
    return s;
  }

  @Override
  public Notifier notifier(Channels channels) {
    return new DiscordNotifier(channels, this);
  }
}
