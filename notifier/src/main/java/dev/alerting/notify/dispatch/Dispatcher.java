package dev.alerting.notify.dispatch;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.notify.config.AlertmanagerConfig;
import dev.alerting.notify.inhibit.Inhibitor;
import dev.alerting.notify.inhibit.Muter;
import dev.alerting.notify.route.Route;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Routes alert events into aggregation groups and says, for a given time, which groups flush and
 * what they send. Pure and single-threaded: the caller supplies the clock (epoch millis) and an
 * opaque ticket per event, and gets the ticket back in the {@link Flush} that settles it.
 */
public final class Dispatcher {
  private final AlertmanagerConfig config;
  private final Inhibitor inhibitor;
  private final Muter muter;
  private final Map<String, AggregationGroup> groups = new LinkedHashMap<>();

  public Dispatcher(AlertmanagerConfig config) {
    this.config = config;
    this.inhibitor = new Inhibitor(config.inhibitRules());
    this.muter = inhibitor;
  }

  /**
   * Routes one alert event. Returns how many groups now hold its ticket; 0 means the event changed
   * nothing (a redelivered duplicate) and is settled already.
   */
  public int accept(Alert alert, long ticket, long now) {
    inhibitor.observe(alert);
    int held = 0;
    for (Route route : config.route().match(alert.labels())) {
      Labels groupLabels = route.groupBy().of(alert.labels());
      String id = route.id() + "|" + route.key() + ":" + groupLabels;
      AggregationGroup g =
          groups.computeIfAbsent(
              id,
              k ->
                  new AggregationGroup(route, config.receiver(route.receiver()), groupLabels, now));
      if (g.insert(alert, ticket, now)) {
        held++;
      }
    }
    return held;
  }

  /** Flushes every group that is due at {@code now}; groups left empty are dropped. */
  public List<Flush> flushDue(long now) {
    List<Flush> out = new ArrayList<>();
    for (Iterator<AggregationGroup> it = groups.values().iterator(); it.hasNext(); ) {
      AggregationGroup g = it.next();
      if (g.nextFlushAt() > now) {
        continue;
      }
      out.add(g.flush(now, muter));
      if (g.isEmpty()) {
        it.remove();
      }
    }
    return out;
  }

  /** When the next group is due, if any: the caller's timer target. */
  public OptionalLong nextFlushAt() {
    return groups.values().stream().mapToLong(AggregationGroup::nextFlushAt).min();
  }

  /** The current groups, in creation order. */
  public List<AggregationGroup> groups() {
    return List.copyOf(groups.values());
  }
}
