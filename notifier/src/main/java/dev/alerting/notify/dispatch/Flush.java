package dev.alerting.notify.dispatch;

import dev.alerting.model.Labels;
import dev.alerting.notify.receiver.Receiver;
import java.util.List;
import java.util.Set;

/**
 * What one aggregation group decided at a flush: the deliveries to make (possibly none) and the
 * tickets of the alert events this flush settles, to release once the deliveries are done.
 */
public record Flush(
    String groupKey,
    Receiver receiver,
    Labels groupLabels,
    List<Delivery> deliveries,
    Set<Long> tickets) {
  public Flush {
    deliveries = List.copyOf(deliveries);
    tickets = Set.copyOf(tickets);
  }
}
