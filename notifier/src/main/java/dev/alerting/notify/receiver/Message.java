package dev.alerting.notify.receiver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.codec.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alertmanager's webhook payload, version 4: what the webhook integration posts and the log
 * receiver writes. The status is "firing" while any alert in it fires; common labels and
 * annotations are those every alert shares; {@code maxAlerts} trims the list and counts the rest as
 * {@code truncatedAlerts}.
 */
public final class Message {
  public static final String VERSION = "4";

  private Message() {}

  public static ObjectNode v4(
      String groupKey,
      String receiver,
      Labels groupLabels,
      List<Alert> alerts,
      String externalUrl,
      int maxAlerts) {
    boolean firing = alerts.stream().anyMatch(Alert::isFiring);
    int keep = maxAlerts > 0 ? Math.min(maxAlerts, alerts.size()) : alerts.size();
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("version", VERSION);
    n.put("groupKey", groupKey);
    n.put("truncatedAlerts", alerts.size() - keep);
    n.put("status", firing ? "firing" : "resolved");
    n.put("receiver", receiver);
    putMap(n.putObject("groupLabels"), groupLabels.asMap());
    putMap(
        n.putObject("commonLabels"), common(alerts.stream().map(a -> a.labels().asMap()).toList()));
    putMap(
        n.putObject("commonAnnotations"), common(alerts.stream().map(Alert::annotations).toList()));
    n.put("externalURL", externalUrl);
    ArrayNode list = n.putArray("alerts");
    for (Alert a : alerts.subList(0, keep)) {
      list.add(AlertCodec.toJson(a));
    }
    return n;
  }

  /** The entries every map has with the same value. */
  static Map<String, String> common(List<? extends Map<String, String>> maps) {
    if (maps.isEmpty()) {
      return Map.of();
    }
    Map<String, String> c = new HashMap<>(maps.get(0));
    for (Map<String, String> m : maps.subList(1, maps.size())) {
      c.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
    }
    return c;
  }

  private static void putMap(ObjectNode target, Map<String, String> m) {
    new TreeMap<>(m).forEach(target::put);
  }
}
