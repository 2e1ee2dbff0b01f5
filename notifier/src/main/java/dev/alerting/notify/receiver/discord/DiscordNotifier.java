package dev.alerting.notify.receiver.discord;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.notify.receiver.Channels;
import dev.alerting.notify.receiver.MessageTemplates;
import dev.alerting.notify.receiver.Notification;
import dev.alerting.notify.receiver.http.HttpCall;
import dev.alerting.notify.receiver.http.HttpNotifier;
import dev.alerting.platform.codec.Json;
import java.util.List;
import java.util.Set;

/**
 * Posts the templated {@code content} (empty by default) with one embed, red while firing and green
 * once resolved, and the configured {@code username} / {@code avatar_url} when set.
 */
public final class DiscordNotifier extends HttpNotifier {
  // Discord's embed limits.
  private static final int MAX_TITLE = 256;
  private static final int MAX_DESCRIPTION = 4096;
  private static final int MAX_CONTENT = 2000;
  private static final int FIRING = 0x992D22;
  private static final int RESOLVED = 0x2ECC71;
  private final DiscordConfig c;

  public DiscordNotifier(Channels channels, DiscordConfig config) {
    super(channels, config.http(), null, Set.of(429));
    this.c = config;
  }

  @Override
  public String integration() {
    return "discord";
  }

  @Override
  protected List<HttpCall> calls(Notification n, MessageTemplates.Rendering r) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    // content is a template (Alertmanager 0.28); username and avatar_url go as written, and only
    // when set (and, for the avatar, a URL)
    m.put("content", truncate(r.text(c.content()), MAX_CONTENT));
    m.putArray("embeds")
        .addObject()
        .put("title", truncate(r.text(c.title()), MAX_TITLE))
        .put("description", truncate(r.text(c.message()), MAX_DESCRIPTION))
        .put("color", n.firing() ? FIRING : RESOLVED);
    if (!c.username().isEmpty()) {
      m.put("username", c.username());
    }
    if (!c.avatarUrl().isEmpty() && parsesAsUrl(c.avatarUrl())) {
      m.put("avatar_url", c.avatarUrl());
    }
    return List.of(HttpCall.postJson(c.webhookUrl(), Json.write(m)));
  }

  /** Go's url.Parse accepts nearly anything; it refuses control characters and bad escapes. */
  private static boolean parsesAsUrl(String s) {
    try {
      new java.net.URI(s.replace(" ", "%20"));
      return true;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
