package dev.alerting.notify.nflog;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One aggregation group as the notification log keeps it: the alerts it held at its last settled
 * flush and, per integration of its receiver (by position), what was last delivered and when. It is
 * written after the flush's deliveries settled, so after a restart the group repeats on schedule,
 * sends no firing alert twice, and still sends the resolve of what it notified.
 */
public record GroupState(
    String groupId,
    String routeId,
    String groupKey,
    String receiver,
    Labels groupLabels,
    List<Alert> alerts,
    Map<Integer, NotifyState> notified,
    boolean flushed,
    long nextFlushAt) {
  public GroupState {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(routeId, "routeId");
    Objects.requireNonNull(groupKey, "groupKey");
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(groupLabels, "groupLabels");
    alerts = List.copyOf(alerts);
    notified = Map.copyOf(notified);
  }
}
