package dev.alerting.notify.receiver.slack;

import dev.alerting.notify.receiver.Channels;
import dev.alerting.notify.receiver.Integration;
import dev.alerting.notify.receiver.Notifier;
import dev.alerting.notify.receiver.Secrets;
import dev.alerting.notify.receiver.http.HttpConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code slack_configs} entry. {@code apiUrl} is an incoming webhook, or Slack's {@code
 * chat.postMessage} with the bot token in {@code http_config.authorization} (or {@code app_token}).
 * Text fields are templates; their defaults name our default templates.
 */
public record SlackConfig(
    String apiUrl,
    boolean sendResolved,
    String channel,
    String username,
    String color,
    String title,
    String titleLink,
    String pretext,
    String text,
    List<Field> fields,
    boolean shortFields,
    String footer,
    String fallback,
    String callbackId,
    String iconEmoji,
    String iconUrl,
    String imageUrl,
    String thumbUrl,
    boolean linkNames,
    List<String> mrkdwnIn,
    List<Action> actions,
    HttpConfig http,
    Optional<Duration> timeout)
    implements Integration {

  public static final String DEFAULT_COLOR =
      "{{ if eq .Status \"firing\" }}danger{{ else }}good{{ end }}";
  public static final List<String> DEFAULT_MRKDWN_IN = List.of("fallback", "pretext", "text");

  public SlackConfig {
    if (apiUrl == null || apiUrl.isBlank()) {
      throw new IllegalArgumentException(
          "api_url is required (here, as api_url_file, or as global.slack_api_url)");
    }
    fields = List.copyOf(fields);
    mrkdwnIn = List.copyOf(mrkdwnIn);
    actions = List.copyOf(actions);
    http = http == null ? HttpConfig.DEFAULT : http;
    timeout = timeout == null ? Optional.empty() : timeout;
  }

  /** An attachment field; {@code shortField} empty means the config's {@code short_fields}. */
  public record Field(String title, String value, Optional<Boolean> shortField) {
    public Field {
      if (title == null || title.isBlank() || value == null || value.isBlank()) {
        throw new IllegalArgumentException("a field needs a title and a value");
      }
    }
  }

  /** An attachment action (button); every text is a template. */
  public record Action(
      String type,
      String text,
      String url,
      String style,
      String name,
      String value,
      Optional<Confirm> confirm) {
    public Action {
      if (type == null || type.isBlank() || text == null || text.isBlank()) {
        throw new IllegalArgumentException("an action needs a type and a text");
      }
      if ((url == null || url.isBlank()) && (name == null || name.isBlank())) {
        throw new IllegalArgumentException("an action needs a url or a name");
      }
    }
  }

  /** An action's confirmation dialog. */
  public record Confirm(String title, String text, String okText, String dismissText) {
    public Confirm {
      if (text == null || text.isBlank()) {
        throw new IllegalArgumentException("a confirm needs a text");
      }
    }
  }

  @Override
  public String name() {
    return "slack";
  }

  @Override
  public List<String> secrets() {
    List<String> s = new ArrayList<>(Secrets.ofUrl(apiUrl));
    s.addAll(http.secrets());
    return s;
  }

  @Override
  public Notifier notifier(Channels channels) {
    return new SlackNotifier(channels, this);
  }
}
