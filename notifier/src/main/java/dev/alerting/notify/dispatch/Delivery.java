package dev.alerting.notify.dispatch;

import dev.alerting.model.alert.Alert;
import dev.alerting.notify.receiver.Integration;
import java.util.List;

/** One message to send: the alerts of a group flush for one integration of the receiver. */
public record Delivery(Integration integration, List<Alert> alerts) {
  public Delivery {
    alerts = List.copyOf(alerts);
    if (alerts.isEmpty()) {
      throw new IllegalArgumentException("a delivery carries at least one alert");
    }
  }
}
