package dev.alerting.notify.dispatch;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.notify.config.AlertmanagerConfig;
import dev.alerting.notify.inhibit.Inhibitor;
import dev.alerting.notify.inhibit.Muter;
import dev.alerting.notify.nflog.GroupState;
import dev.alerting.notify.route.Route;
import java.time.Instant;
import java.util.ArrayList;
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
  private final Muter silences;
  private AlertmanagerConfig config;
  private Inhibitor inhibitor;
  private Muter muter;
  private final Map<String, AggregationGroup> groups = new LinkedHashMap<>();
  private final Map<String, Received> current = new LinkedHashMap<>();
  private long timeMutedFlushes;
  private boolean observeOnAccept = true;
  private Map<String, Route> routesById = Map.of();
  private final Map<Flush, AggregationGroup> flushing = new java.util.IdentityHashMap<>();
  private final DueIndex due = new DueIndex(groups);

  /** A group an alert goes to: the route (by id) and the group's id. */
  public record Target(String routeId, String groupId) {}

  /** A firing alert as last received, and when (Alertmanager's {@code updatedAt}). */
  public record Received(Alert alert, long atMillis) {}

  public Dispatcher(AlertmanagerConfig config) {
    this(config, Muter.NONE);
  }

  /** {@code silences} is asked after inhibition, as in Alertmanager's notification pipeline. */
  public Dispatcher(AlertmanagerConfig config, Muter silences) {
    this.silences = silences;
    configure(config);
  }

  private void configure(AlertmanagerConfig next) {
    this.config = next;
    Map<String, Route> byId = new java.util.HashMap<>();
    next.route().flatten().forEach(r -> byId.put(r.id(), r));
    this.routesById = byId;
    this.inhibitor = new Inhibitor(next.inhibitRules());
    this.muter = Muter.all(List.of(inhibitor, silences));
    current.values().forEach(r -> inhibitor.observe(r.alert()));
  }

  /**
   * Switches to a new configuration as Alertmanager's reload does: the held alerts are routed and
   * grouped again (what a group already notified stays known, so nothing is re-sent), and each old
   * group's unsettled tickets move to a group now holding one of its alerts. Returns the tickets
   * left with no group, which the caller settles.
   */
  public List<Long> reload(AlertmanagerConfig next, long now) {
    List<AggregationGroup> old = List.copyOf(groups.values());
    groups.clear();
    configure(next);
    List<Long> orphans = new ArrayList<>();
    for (AggregationGroup g : old) {
      AggregationGroup first = null;
      for (Alert a : g.alerts()) {
        for (AggregationGroup target : route(a, now)) {
          target.insert(a, -1, now);
          if (first == null) {
            first = target;
          }
        }
      }
      java.util.Set<Long> tickets = g.takeTickets();
      AggregationGroup same = groups.get(g.id());
      if (same != null) {
        same.inherit(g);
      }
      if (first == null) {
        orphans.addAll(tickets);
      } else {
        orphans.addAll(first.addTickets(tickets));
      }
    }
    due.rebuild();
    return orphans;
  }

  private List<AggregationGroup> route(Alert alert, long now) {
    List<AggregationGroup> out = new ArrayList<>();
    for (Route route : config.route().match(alert.labels())) {
      Labels groupLabels = route.groupBy().of(alert.labels());
      String id = groupId(route, groupLabels);
      out.add(
          groups.computeIfAbsent(
              id,
              k ->
                  new AggregationGroup(
                      id, route, config.receiver(route.receiver()), groupLabels, now)));
    }
    return out;
  }

  /** Flushes that sent nothing because their route was muted by a time interval. */
  public long timeMutedFlushes() {
    return timeMutedFlushes;
  }

  public AlertmanagerConfig config() {
    return config;
  }

  public Inhibitor inhibitor() {
    return inhibitor;
  }

  /** The firing alerts, by fingerprint, as last received. */
  public Map<String, Received> current() {
    return java.util.Collections.unmodifiableMap(current);
  }

  /** The receivers an alert with these labels is routed to, in route order, without repeats. */
  public List<String> receiversOf(Labels labels) {
    return config.route().match(labels).stream().map(Route::receiver).distinct().toList();
  }

  /**
   * Routes one alert event. Returns how many groups now hold its ticket; 0 means the event changed
   * nothing (a redelivered duplicate) and is settled already.
   */
  public int accept(Alert alert, long ticket, long now) {
    if (observeOnAccept) {
      observe(alert, now);
    }
    int held = 0;
    for (AggregationGroup g : route(alert, now)) {
      if (g.insert(alert, ticket, now)) {
        held++;
        due.schedule(g);
      }
    }
    return held;
  }

  /**
   * From now on the firing alerts (for inhibition and the API) come only from {@link #observe}, fed
   * with every instance's alerts, not from the events this instance groups.
   */
  public void observeExternally() {
    observeOnAccept = false;
  }

  /** Records an alert state change for inhibition and the API's alert list. */
  public void observe(Alert alert, long now) {
    inhibitor.observe(alert);
    if (alert.isFiring()) {
      Received held = current.get(alert.fingerprint());
      if (held == null || !held.alert().equals(alert)) {
        current.put(alert.fingerprint(), new Received(alert, now));
      }
    } else {
      current.remove(alert.fingerprint());
    }
  }

  /** Forgets a firing alert (a tombstone on the alert view: it resolved). */
  public void forget(String fingerprint) {
    current.remove(fingerprint);
    inhibitor.forget(fingerprint);
  }

  /** The groups an alert with these labels goes to. */
  public List<Target> targets(Labels labels) {
    List<Target> out = new ArrayList<>();
    for (Route route : config.route().match(labels)) {
      out.add(new Target(route.id(), groupId(route, route.groupBy().of(labels))));
    }
    return out;
  }

  private static String groupId(Route route, Labels groupLabels) {
    return route.id() + "|" + route.key() + ":" + groupLabels;
  }

  /**
   * Adds an event to the group of one route (a record of the group topic). Returns 1 when the group
   * now holds its ticket, 0 when it changed nothing. An unknown route (the configuration changed)
   * routes the alert afresh.
   */
  public int acceptGrouped(String routeId, Alert alert, long ticket, long now) {
    if (observeOnAccept) {
      observe(alert, now);
    }
    Route route = routesById.get(routeId);
    if (route == null) {
      int held = 0;
      for (AggregationGroup g : route(alert, now)) {
        if (g.insert(alert, ticket, now)) {
          held++;
          due.schedule(g);
        }
      }
      return held;
    }
    Labels groupLabels = route.groupBy().of(alert.labels());
    AggregationGroup g =
        groups.computeIfAbsent(
            groupId(route, groupLabels),
            k ->
                new AggregationGroup(
                    k, route, config.receiver(route.receiver()), groupLabels, now));
    if (!g.insert(alert, ticket, now)) {
      return 0;
    }
    due.schedule(g);
    return 1;
  }

  /** Forgets the groups whose id matches (their partition went to another instance). */
  public void drop(java.util.function.Predicate<String> groupIds) {
    groups.keySet().removeIf(groupIds);
  }

  /**
   * Flushes every group that is due at {@code now} and not still sending its previous flush. The
   * caller reports each delivery made ({@link #delivered}) and then the flush's end ({@link
   * #settled}); only then is the notification logged.
   */
  public List<Flush> flushDue(long now) {
    List<Flush> out = new ArrayList<>();
    // only the due groups, from the due-time index: a pass used to scan every group
    for (AggregationGroup g : due.takeDue(now)) {
      boolean timeMuted = config.timeMuted(g.route(), Instant.ofEpochMilli(now));
      if (timeMuted) {
        timeMutedFlushes++;
      }
      Flush f = g.flush(now, muter, timeMuted);
      flushing.put(f, g);
      due.schedule(g);
      out.add(f);
    }
    return out;
  }

  /** Reports one delivery of a flush as made: it enters the notification log. */
  public void delivered(Flush f, Delivery d, long now) {
    AggregationGroup g = flushing.get(f);
    if (g != null) {
      g.delivered(d, now);
    }
  }

  /**
   * Ends a flush: returns the group's state for the notification log, or empty when the group is
   * now empty and dropped (the log's entry is then deleted). Deliveries not reported are not
   * logged.
   */
  public java.util.Optional<GroupState> settled(Flush f) {
    AggregationGroup g = flushing.remove(f);
    if (g == null) {
      return java.util.Optional.empty();
    }
    GroupState s = g.settled();
    if (g.isEmpty() && groups.get(g.id()) == g) {
      groups.remove(g.id());
      return java.util.Optional.empty();
    }
    due.schedule(g);
    return java.util.Optional.of(s);
  }

  /** The group a flush came from, by id (for the notification log key). */
  public String groupIdOf(Flush f) {
    AggregationGroup g = flushing.get(f);
    return g == null ? null : g.id();
  }

  /**
   * Rebuilds groups from the notification log: each known group gets back its alerts and what it
   * notified; a group whose route is gone has its alerts routed afresh.
   */
  public void restore(java.util.Collection<GroupState> states, long now) {
    Map<String, Route> routes = new java.util.HashMap<>();
    config.route().flatten().forEach(r -> routes.put(r.id(), r));
    for (GroupState s : states) {
      if (observeOnAccept) {
        s.alerts().forEach(a -> remember(a, now));
      }
      Route r = routes.get(s.routeId());
      if (r == null || config.receiver(r.receiver()) == null) {
        s.alerts().forEach(a -> route(a, now).forEach(g -> g.insert(a, -1, now)));
        continue;
      }
      AggregationGroup g =
          groups.computeIfAbsent(
              s.groupId(),
              k -> new AggregationGroup(k, r, config.receiver(r.receiver()), s.groupLabels(), now));
      g.restore(s, now);
    }
    due.rebuild();
  }

  private void remember(Alert alert, long now) {
    inhibitor.observe(alert);
    if (alert.isFiring()) {
      current.putIfAbsent(alert.fingerprint(), new Received(alert, now));
    }
  }

  /** When the next group is due, if any: the caller's timer target. */
  public OptionalLong nextFlushAt() {
    return due.next();
  }

  /** How many groups are held (cheaper than {@link #groups()} for a gauge). */
  public int groupCount() {
    return groups.size();
  }

  /** The current groups, in creation order. */
  public List<AggregationGroup> groups() {
    return List.copyOf(groups.values());
  }
}
