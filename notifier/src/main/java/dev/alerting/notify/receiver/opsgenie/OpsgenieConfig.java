package dev.alerting.notify.receiver.opsgenie;

import dev.alerting.notify.receiver.Channels;
import dev.alerting.notify.receiver.Integration;
import dev.alerting.notify.receiver.Notifier;
import dev.alerting.notify.receiver.http.HttpConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An {@code opsgenie_configs} entry: create (alias = hex SHA-256 of the group key), close by alias
 * on resolve, and with {@code updateAlerts} also update message and description of an open alert.
 */
public record OpsgenieConfig(
    String apiKey,
    String apiUrl,
    boolean sendResolved,
    String message,
    String description,
    String source,
    Map<String, String> details,
    String entity,
    List<Responder> responders,
    String actions,
    String tags,
    String note,
    String priority,
    boolean updateAlerts,
    HttpConfig http,
    Optional<Duration> timeout)
    implements Integration {

  public static final String DEFAULT_API_URL = "https://api.opsgenie.com/";
  private static final Set<String> RESPONDER_TYPES =
      Set.of("team", "teams", "user", "escalation", "schedule");

  public OpsgenieConfig {
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException(
          "api_key is required (here, as api_key_file, or as global.opsgenie_api_key)");
    }
    apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl;
    apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    details = Map.copyOf(details);
    responders = List.copyOf(responders);
    http = http == null ? HttpConfig.DEFAULT : http;
    timeout = timeout == null ? Optional.empty() : timeout;
  }

  /** A responder: one of id, name or username, and a type. */
  public record Responder(String id, String name, String username, String type) {
    public Responder {
      id = id == null ? "" : id;
      name = name == null ? "" : name;
      username = username == null ? "" : username;
      if (id.isBlank() && name.isBlank() && username.isBlank()) {
        throw new IllegalArgumentException("a responder needs an id, a name or a username");
      }
      if (type == null || !RESPONDER_TYPES.contains(type.toLowerCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException(
            "responder type '" + type + "' is not one of " + RESPONDER_TYPES);
      }
    }
  }

  @Override
  public String name() {
    return "opsgenie";
  }

  @Override
  public List<String> secrets() {
    List<String> s = new ArrayList<>(List.of(apiKey));
    s.addAll(http.secrets());
    return s;
  }

  @Override
  public Notifier notifier(Channels channels) {
    return new OpsgenieNotifier(channels, this);
  }
}
