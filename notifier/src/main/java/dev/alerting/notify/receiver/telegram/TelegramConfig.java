package dev.alerting.notify.receiver.telegram;

import dev.alerting.notify.receiver.Channels;
import dev.alerting.notify.receiver.Integration;
import dev.alerting.notify.receiver.Notifier;
import dev.alerting.notify.receiver.http.HttpConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A {@code telegram_configs} entry: the Bot API's sendMessage to one chat. */
public record TelegramConfig(
    String apiUrl,
    String botToken,
    long chatId,
    int messageThreadId,
    String message,
    boolean disableNotifications,
    String parseMode,
    boolean sendResolved,
    HttpConfig http)
    implements Integration {

  public static final String DEFAULT_API_URL = "https://api.telegram.org";
  private static final Set<String> PARSE_MODES = Set.of("", "HTML", "Markdown", "MarkdownV2");

  public TelegramConfig {
    apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl;
    apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    if (botToken == null || botToken.isBlank()) {
      throw new IllegalArgumentException("bot_token or bot_token_file is required");
    }
    if (chatId == 0) {
      throw new IllegalArgumentException("chat_id is required");
    }
    parseMode = parseMode == null ? "HTML" : parseMode;
    if (!PARSE_MODES.contains(parseMode)) {
      throw new IllegalArgumentException("parse_mode must be one of HTML, Markdown, MarkdownV2");
    }
    http = http == null ? HttpConfig.DEFAULT : http;
  }

  @Override
  public String name() {
    return "telegram";
  }

  @Override
  public List<String> secrets() {
    // The token rides in the request path: mask it alone, wherever a URL is echoed.
    List<String> s = new ArrayList<>(List.of(botToken));
    s.addAll(http.secrets());
    return s;
  }

  @Override
  public Notifier notifier(Channels channels) {
    return new TelegramNotifier(channels, this);
  }
}
