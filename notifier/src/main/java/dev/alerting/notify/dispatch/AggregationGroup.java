package dev.alerting.notify.dispatch;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.notify.inhibit.Muter;
import dev.alerting.notify.nflog.GroupState;
import dev.alerting.notify.nflog.NotifyState;
import dev.alerting.notify.receiver.Integration;
import dev.alerting.notify.receiver.Receiver;
import dev.alerting.notify.route.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The alerts of one route that share group labels, notified together: first after {@code
 * group_wait}, then at most every {@code group_interval}, and again every {@code repeat_interval}
 * while nothing changes. Resolved alerts stay until a flush has included them.
 */
public final class AggregationGroup {
  /** Alertmanager's payload order: by job, then instance, then the whole label set. */
  static final Comparator<Alert> ORDER =
      Comparator.<Alert, String>comparing(
              a -> a.labels().getOrEmpty("job"), AggregationGroup::absentLast)
          .thenComparing(a -> a.labels().getOrEmpty("instance"), AggregationGroup::absentLast)
          .thenComparing(a -> a.labels().toString());

  private final Route route;
  private final Receiver receiver;
  private final Labels groupLabels;
  private final String groupKey;
  private final Map<String, Alert> alerts = new LinkedHashMap<>();
  private final String id;
  private final Set<Long> tickets = new HashSet<>();
  private final Map<Integer, NotifyState> log = new HashMap<>();
  private final Map<Delivery, Map.Entry<Integer, NotifyState>> inFlight = new IdentityHashMap<>();
  private long nextFlushAt;
  private boolean flushed;
  private boolean sending;
  private long scheduledAt = Long.MIN_VALUE;

  AggregationGroup(String id, Route route, Receiver receiver, Labels groupLabels, long now) {
    this.id = id;
    this.route = route;
    this.receiver = receiver;
    this.groupLabels = groupLabels;
    this.groupKey = route.key() + ":" + groupLabels;
    this.nextFlushAt = now + route.groupWait().toMillis();
  }

  private static int absentLast(String a, String b) {
    if (a.isEmpty() != b.isEmpty()) {
      return a.isEmpty() ? 1 : -1;
    }
    return a.compareTo(b);
  }

  /** Unique among the groups: the route's position in the tree plus the group key. */
  public String id() {
    return id;
  }

  /** Alertmanager's group key: route key, colon, group labels. */
  public String groupKey() {
    return groupKey;
  }

  public Route route() {
    return route;
  }

  public Receiver receiver() {
    return receiver;
  }

  public Labels groupLabels() {
    return groupLabels;
  }

  public long nextFlushAt() {
    return nextFlushAt;
  }

  /** The due time of this group's current entry in the dispatcher's due index. */
  long scheduledAt() {
    return scheduledAt;
  }

  void scheduledAt(long at) {
    scheduledAt = at;
  }

  public List<Alert> alerts() {
    return alerts.values().stream().sorted(ORDER).toList();
  }

  boolean isEmpty() {
    return alerts.isEmpty();
  }

  /**
   * Adds or updates an alert. Returns false for an event identical to the one held (a redelivery),
   * whose ticket then needs no flush to settle.
   */
  boolean insert(Alert alert, long ticket, long now) {
    Alert held = alerts.get(alert.fingerprint());
    if (alert.equals(held)) {
      return false;
    }
    alerts.put(alert.fingerprint(), alert);
    if (ticket >= 0) {
      tickets.add(ticket);
    }
    // As in Alertmanager: an alert that started more than group_wait ago need not wait again.
    if (!flushed && alert.startsAt().toEpochMilli() + route.groupWait().toMillis() <= now) {
      nextFlushAt = Math.min(nextFlushAt, now);
    }
    return true;
  }

  /**
   * Decides what to send now, forgets the resolved alerts it covered and schedules the next flush.
   */
  Flush flush(long now, Muter muter, boolean routeMuted) {
    List<Alert> all = alerts();
    // A route muted by its time intervals sends and logs nothing (Alertmanager's time mute stage).
    List<Alert> visible =
        routeMuted ? List.of() : all.stream().filter(a -> !muter.mutes(a.labels(), now)).toList();
    Set<String> firing = new HashSet<>();
    Set<String> resolved = new HashSet<>();
    for (Alert a : visible) {
      (a.isFiring() ? firing : resolved).add(a.fingerprint());
    }
    List<Delivery> deliveries = new ArrayList<>();
    List<Integration> integrations = receiver.effectiveIntegrations();
    for (int i = 0; i < (routeMuted ? 0 : integrations.size()); i++) {
      Integration in = integrations.get(i);
      NotifyState last = log.get(i);
      if (!NotifyState.needsUpdate(
          last, firing, resolved, in.sendResolved(), route.repeatInterval().toMillis(), now)) {
        continue;
      }
      NotifyState next = new NotifyState(firing, resolved, now);
      List<Alert> sent =
          in.sendResolved() ? visible : visible.stream().filter(Alert::isFiring).toList();
      if (sent.isEmpty()) {
        log.put(i, next);
      } else {
        // Logged only once delivered: a crash or stop before that leaves it to be sent again.
        Delivery d = new Delivery(in, sent);
        deliveries.add(d);
        inFlight.put(d, Map.entry(i, next));
      }
    }
    for (Alert a : all) {
      if (!a.isFiring()) {
        alerts.remove(a.fingerprint(), a);
      }
    }
    Set<Long> settled = takeTickets();
    flushed = true;
    sending = !deliveries.isEmpty();
    nextFlushAt = now + route.groupInterval().toMillis();
    return new Flush(groupKey, receiver, groupLabels, deliveries, settled);
  }

  /**
   * Whether a flush's deliveries are still out; the next flush waits for them, as in Alertmanager.
   */
  boolean sending() {
    return sending;
  }

  /**
   * Logs a delivery of the last flush as made at {@code now}: as in Alertmanager, the repeat
   * interval counts from when a notification was delivered.
   */
  void delivered(Delivery d, long now) {
    Map.Entry<Integer, NotifyState> e = inFlight.remove(d);
    if (e != null) {
      NotifyState s = e.getValue();
      log.put(e.getKey(), new NotifyState(s.firing(), s.resolved(), now));
    }
  }

  /** Ends the last flush: deliveries not reported as made stay unlogged (they are sent again). */
  GroupState settled() {
    inFlight.clear();
    sending = false;
    return state();
  }

  /** What the notification log keeps of this group. */
  GroupState state() {
    return new GroupState(
        id,
        route.id(),
        groupKey,
        receiver.name(),
        groupLabels,
        List.copyOf(alerts.values()),
        log,
        flushed,
        nextFlushAt);
  }

  /** Takes over a group's logged state (after a restart or on gaining ownership). */
  void restore(GroupState s, long now) {
    for (Alert a : s.alerts()) {
      alerts.put(a.fingerprint(), a);
    }
    log.putAll(s.notified());
    flushed = s.flushed();
    nextFlushAt = s.flushed() ? Math.max(now, s.nextFlushAt()) : nextFlushAt;
  }

  Set<Long> takeTickets() {
    Set<Long> out = Set.copyOf(tickets);
    tickets.clear();
    return out;
  }

  /** Adds tickets; returns those this group held already (one holder fewer for each). */
  List<Long> addTickets(Set<Long> more) {
    List<Long> doubled = new ArrayList<>();
    for (long t : more) {
      if (!tickets.add(t)) {
        doubled.add(t);
      }
    }
    return doubled;
  }

  /** Takes over what the same group notified before a reload, so it is not sent again. */
  void inherit(AggregationGroup old) {
    log.putAll(old.log);
    if (old.flushed) {
      flushed = true;
      nextFlushAt = old.nextFlushAt;
    } else {
      nextFlushAt = Math.min(nextFlushAt, old.nextFlushAt);
    }
  }

  @Override
  public String toString() {
    return "group " + groupKey + " -> " + Objects.toString(receiver.name());
  }
}
