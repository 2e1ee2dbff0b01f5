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
}
