package dev.alerting.notify.receiver;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What an integration is asked to deliver: one group flush for one receiver. Integrations render
 * their payload from this (through the templates), never from a webhook JSON.
 */
public record Notification(
    String receiver, String groupKey, Labels groupLabels, List<Alert> alerts) {
  public Notification {
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(groupKey, "groupKey");
    Objects.requireNonNull(groupLabels, "groupLabels");
    alerts = List.copyOf(alerts);
    if (alerts.isEmpty()) {
      throw new IllegalArgumentException("a notification carries at least one alert");
    }
  }

  /** "firing" while any alert fires, else "resolved" (Alertmanager's group status). */
  public String status() {
    return firing() ? "firing" : "resolved";
  }

  public boolean firing() {
    return alerts.stream().anyMatch(Alert::isFiring);
  }

  /**
   * The hex SHA-256 of the group key: Alertmanager's stable id of a group towards PagerDuty ({@code
   * dedup_key}) and Opsgenie ({@code alias}), so a resolve closes what the firing opened.
   */
  public String groupKeyHash() {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(groupKey.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
