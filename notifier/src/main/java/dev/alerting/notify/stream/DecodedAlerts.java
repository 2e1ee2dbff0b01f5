package dev.alerting.notify.stream;

import dev.alerting.model.alert.Alert;
import dev.alerting.platform.codec.AlertCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last alert events decoded in this process, by their JSON text. One event is read three times
 * here: by the router from {@code alerts}, by the alert view from {@code notifier.alerts} and by
 * the group owner from {@code notifier.groups}, each time the same text (the router forwards it as
 * read). Decoding it once saves two of the three parses, a fifth of the event loop in the notifier
 * bench. A miss (another instance routed it, or it aged out) decodes as before.
 */
public final class DecodedAlerts {
  private static final int CAPACITY = 4096;

  private final Map<String, Alert> recent =
      new LinkedHashMap<>(CAPACITY * 2) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Alert> eldest) {
          return size() > CAPACITY;
        }
      };

  /** {@link AlertCodec#decode}, remembered; throws as it does for text that is not an alert. */
  public synchronized Alert decode(String json) {
    Alert a = recent.get(json);
    if (a == null) {
      a = AlertCodec.decode(json);
      recent.put(json, a);
    }
    return a;
  }

  /** A {@code notifier.groups} record: the route it was routed by and its alert. */
  public record Forwarded(String routeId, Alert alert) {}

  /**
   * A record as {@link AlertRouter} writes it ({@code {"route":"<id>","alert":<event as read>}}),
   * its alert decoded through this cache; null for any other shape or an alert that does not decode
   * alone, which the caller then parses in full.
   */
  public Forwarded forwarded(String value) {
    String head = "{\"route\":\"";
    String mid = "\",\"alert\":";
    int end = value.indexOf('"', head.length());
    if (!value.startsWith(head) || end < 0 || !value.startsWith(mid, end) || !value.endsWith("}")) {
      return null;
    }
    String route = value.substring(head.length(), end);
    if (route.indexOf('\\') >= 0) {
      return null;
    }
    try {
      return new Forwarded(route, decode(value.substring(end + mid.length(), value.length() - 1)));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
