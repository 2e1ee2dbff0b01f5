package dev.alerting.notify.receiver.telegram;

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
 * POSTs to {@code <api_url>/bot<token>/sendMessage}. Every parameter travels as a string, as
 * Alertmanager's Telegram client sends them.
 */
public final class TelegramNotifier extends HttpNotifier {
  // Telegram rejects longer messages.
  private static final int MAX_MESSAGE = 4096;
  private final TelegramConfig c;

  public TelegramNotifier(Channels channels, TelegramConfig config) {
    super(channels, config.http(), null, Set.of(429));
    this.c = config;
  }

  @Override
  public String integration() {
    return "telegram";
  }

  @Override
  protected List<HttpCall> calls(Notification n, MessageTemplates.Rendering r) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("chat_id", Long.toString(c.chatId()));
    if (c.messageThreadId() != 0) {
      // a forum topic of the chat (Alertmanager 0.26+); absent when 0, as its client omits it
      m.put("message_thread_id", Integer.toString(c.messageThreadId()));
    }
    m.put("text", truncate(r.text(c.message()), MAX_MESSAGE));
    if (!c.parseMode().isEmpty()) {
      m.put("parse_mode", c.parseMode());
    }
    m.put("disable_web_page_preview", "true");
    if (c.disableNotifications()) {
      m.put("disable_notification", "true");
    }
    String url = c.apiUrl() + "/bot" + c.botToken() + "/sendMessage";
    return List.of(HttpCall.postJson(url, Json.write(m)));
  }
}
