package dev.alerting.notify.receiver.msteams;

import dev.alerting.notify.receiver.Channels;
import dev.alerting.notify.receiver.Integration;
import dev.alerting.notify.receiver.Notifier;
import dev.alerting.notify.receiver.Secrets;
import dev.alerting.notify.receiver.http.HttpConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code msteams_configs} entry (Office 365 connector, MessageCard) or, with {@code workflow},
 * an {@code msteamsv2_configs} entry (Power Automate workflow, Adaptive Card). {@code summary} is
 * used by the connector only.
 */
public record MsteamsConfig(
    boolean workflow,
    String webhookUrl,
    String title,
    String summary,
    String text,
    boolean sendResolved,
    HttpConfig http)
    implements Integration {
  public MsteamsConfig {
    if (webhookUrl == null || webhookUrl.isBlank()) {
      throw new IllegalArgumentException("webhook_url or webhook_url_file is required");
    }
    http = http == null ? HttpConfig.DEFAULT : http;
  }

  @Override
  public String name() {
    return workflow ? "msteamsv2" : "msteams";
  }

  @Override
  public List<String> secrets() {
    List<String> s = new ArrayList<>(Secrets.ofUrl(webhookUrl));
    s.addAll(http.secrets());
    return s;
  }

  @Override
  public Notifier notifier(Channels channels) {
    return new MsteamsNotifier(channels, this);
  }
}
