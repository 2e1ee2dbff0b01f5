package dev.alerting.notify.page;

import dev.alerting.model.Labels;
import dev.alerting.model.page.PageRequest;
import dev.alerting.notify.dispatch.Delivery;
import dev.alerting.notify.dispatch.Flush;
import dev.alerting.notify.receiver.Integration;
import dev.alerting.notify.receiver.Receiver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A page as a flush of the receiver it names, so it goes through the same sender, integrations and
 * payload as an alert notification. The group key is {@code page/<incident id>}; the group labels
 * name the incident and the user paged, so a receiver can tell a page from a route's group.
 */
final class PageFlush {
  private PageFlush() {}

  /** The flush for {@code page}, or empty when no receiver of that name is configured. */
  static Optional<Flush> of(PageRequest page, Map<String, Receiver> receivers) {
    Receiver receiver = receivers.get(page.receiver());
    if (receiver == null) {
      return Optional.empty();
    }
    boolean resolve = page.kind() == PageRequest.Kind.RESOLVE;
    List<Delivery> deliveries = new ArrayList<>();
    for (Integration i : receiver.effectiveIntegrations()) {
      if (!resolve || i.sendResolved()) {
        deliveries.add(new Delivery(i, page.alerts()));
      }
    }
    Labels groupLabels =
        page.user().isEmpty()
            ? Labels.of("incident_id", Long.toString(page.incidentId()))
            : Labels.of("incident_id", Long.toString(page.incidentId()), "paged_user", page.user());
    return Optional.of(
        new Flush("page/" + page.incidentId(), receiver, groupLabels, deliveries, Set.of()));
  }
}
