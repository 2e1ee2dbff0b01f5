package dev.alerting.template.alertmanager;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.template.GoType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a notification template sees as dot: Alertmanager's {@code template.Data}, fields in its
 * order ({@code .Receiver .Status .Alerts .GroupLabels .CommonLabels .CommonAnnotations
 * .ExternalURL}).
 */
@GoType("template.Data")
public record NotificationData(
    String receiver,
    String status,
    Alerts alerts,
    KV groupLabels,
    KV commonLabels,
    KV commonAnnotations,
    String externalURL) {

  /**
   * The data for one notification: status is "firing" while any alert fires; common labels and
   * annotations are those every alert has with the same value.
   */
  public static NotificationData of(
      String receiver, Labels groupLabels, List<Alert> alerts, String externalUrl) {
    boolean firing = alerts.stream().anyMatch(Alert::isFiring);
    return new NotificationData(
        receiver,
        firing ? "firing" : "resolved",
        new Alerts(alerts.stream().map(AlertData::of).toList()),
        new KV(groupLabels.asMap()),
        new KV(common(alerts.stream().map(a -> a.labels().asMap()).toList())),
        new KV(common(alerts.stream().map(Alert::annotations).toList())),
        externalUrl == null ? "" : externalUrl);
  }

  private static Map<String, String> common(List<? extends Map<String, String>> maps) {
    if (maps.isEmpty()) {
      return Map.of();
    }
    Map<String, String> c = new HashMap<>(maps.get(0));
    for (Map<String, String> m : maps.subList(1, maps.size())) {
      c.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
    }
    return c;
  }
}
