package dev.alerting.notify.receiver.pagerduty;

import dev.alerting.notify.receiver.Channels;
import dev.alerting.notify.receiver.Integration;
import dev.alerting.notify.receiver.Notifier;
import dev.alerting.notify.receiver.http.HttpConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code pagerduty_configs} entry: Events API v2 with {@code routingKey}, or v1 with {@code
 * serviceKey}. {@code details} are the user's, merged over the default four (firing, resolved,
 * num_firing, num_resolved) as Alertmanager merges them.
 */
public record PagerdutyConfig(
    String routingKey,
    String serviceKey,
    String url,
    boolean sendResolved,
    String client,
    String clientUrl,
    String description,
    Map<String, String> details,
    List<Image> images,
    List<Link> links,
    String source,
    String severity,
    String className,
    String component,
    String group,
    HttpConfig http,
    Optional<Duration> timeout)
    implements Integration {

  public static final String V2_URL = "https://events.pagerduty.com/v2/enqueue";
  public static final String V1_URL =
      "https://events.pagerduty.com/generic/2010-04-15/create_event.json";

  public PagerdutyConfig {
    routingKey = routingKey == null ? "" : routingKey;
    serviceKey = serviceKey == null ? "" : serviceKey;
    if (routingKey.isBlank() && serviceKey.isBlank()) {
      throw new IllegalArgumentException("one of routing_key or service_key is required");
    }
    if (!routingKey.isBlank() && !serviceKey.isBlank()) {
      throw new IllegalArgumentException("routing_key and service_key are mutually exclusive");
    }
    url = url == null || url.isBlank() ? (routingKey.isBlank() ? V1_URL : V2_URL) : url;
    details = Map.copyOf(details);
    images = List.copyOf(images);
    links = List.copyOf(links);
    source = source == null || source.isBlank() ? client : source;
    http = http == null ? HttpConfig.DEFAULT : http;
    timeout = timeout == null ? Optional.empty() : timeout;
  }

  /** The default details Alertmanager adds (user keys win). */
  public static Map<String, String> defaultDetails() {
    return Map.of(
        "firing", "{{ template \"pagerduty.default.instances\" .Alerts.Firing }}",
        "resolved", "{{ template \"pagerduty.default.instances\" .Alerts.Resolved }}",
        "num_firing", "{{ .Alerts.Firing | len }}",
        "num_resolved", "{{ .Alerts.Resolved | len }}");
  }

  public boolean v2() {
    return !routingKey.isBlank();
  }

  /** An image on the incident. */
  public record Image(String src, String alt, String href) {}

  /** A link on the incident. */
  public record Link(String href, String text) {}

  @Override
  public String name() {
    return "pagerduty";
  }

  @Override
  public List<String> secrets() {
    List<String> s = new ArrayList<>(List.of(routingKey, serviceKey));
    s.addAll(http.secrets());
    return s;
  }

  @Override
  public Notifier notifier(Channels channels) {
    return new PagerdutyNotifier(channels, this);
  }
}
