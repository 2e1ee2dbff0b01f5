package dev.alerting.notify.api.v2;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.notify.dispatch.Dispatcher;
import dev.alerting.notify.route.Route;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alert groups of the whole cluster for {@code GET /api/v2/alerts/groups}: the firing alerts of
 * the alert view (every instance follows all of them) grouped by the routing tree, as the owning
 * instances group them. An instance's own aggregation groups hold only the groups of its
 * partitions, so they cannot answer this.
 */
final class ClusterGroups {
  /** One group: its route's receiver, group labels and firing alerts. */
  record Group(String receiver, Labels labels, List<Dispatcher.Received> alerts) {}

  /** Alertmanager's alert order inside a group: job, then instance, then the label set. */
  private static final Comparator<Dispatcher.Received> ALERT_ORDER =
      Comparator.<Dispatcher.Received, String>comparing(r -> sortKey(r.alert(), "job"))
          .thenComparing(r -> sortKey(r.alert(), "instance"))
          .thenComparing(r -> r.alert().labels().toString());

  private ClusterGroups() {}

  private static String sortKey(Alert a, String name) {
    String v = a.labels().getOrEmpty(name);
    return v.isEmpty() ? "\uffff" : v;
  }

  static List<Group> of(Route root, Collection<Dispatcher.Received> firing) {
    Map<String, Group> groups = new LinkedHashMap<>();
    for (Dispatcher.Received r : firing) {
      for (Route route : root.match(r.alert().labels())) {
        Labels labels = route.groupBy().of(r.alert().labels());
        groups
            .computeIfAbsent(
                route.id() + '\u0000' + labels,
                k -> new Group(route.receiver(), labels, new ArrayList<>()))
            .alerts()
            .add(r);
      }
    }
    List<Group> out = new ArrayList<>(groups.values());
    out.forEach(g -> g.alerts().sort(ALERT_ORDER));
    out.sort(
        Comparator.<Group, String>comparing(g -> g.labels().toString())
            .thenComparing(Group::receiver));
    return out;
  }
}
