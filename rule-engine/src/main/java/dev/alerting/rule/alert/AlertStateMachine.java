package dev.alerting.rule.alert;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.rule.group.AlertingRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The pending → firing → resolved life of the alerts of one alerting rule: holds its pending and
 * firing alerts in the order they became active, moves each one on at an instant given whether an
 * element still has its labels, and turns firings and resolutions into alert events. Knows nothing
 * of how the elements were found (whole or incremental evaluation) nor of rule health.
 */
final class AlertStateMachine {
  private final AlertingRule rule;
  private final AlertContext context;
  private final String generatorUrl;
  // Insertion order keeps the events of one evaluation deterministic.
  private final AlertMap active = new AlertMap();

  AlertStateMachine(AlertingRule rule, AlertContext context) {
    this.rule = rule;
    this.context = context;
    this.generatorUrl = context.generatorUrl(rule.expr().text());
  }

  /** The alerts themselves, for the index of their deadlines. */
  AlertMap active() {
    return active;
  }

  /**
   * Refreshes known alerts and adds new ones. New alerts of one evaluation are added in label
   * order, not result order, so the order of alerts (and of their events) does not depend on the
   * order in which series were read.
   */
  void merge(Collection<Candidate> current, Instant at) {
    List<Candidate> added = new ArrayList<>();
    for (Candidate c : current) {
      Tracked existing = active.get(c.labels());
      if (existing == null) {
        added.add(c);
      } else {
        existing.value = c.value();
        existing.annotations = c.annotations();
        existing.keepFiringSince = null;
      }
    }
    if (added.size() > 1) {
      added.sort(Comparator.comparing(c -> c.labels().toString()));
    }
    for (Candidate c : added) {
      active.put(new Tracked(c.labels(), c.annotations(), c.value(), at));
    }
  }

  /** Steps every alert at {@code atMillis} given the whole result {@code current}. */
  List<Alert> transitions(Map<Labels, Candidate> current, long atMillis) {
    Instant at = Instant.ofEpochMilli(atMillis);
    List<Alert> events = new ArrayList<>();
    for (Iterator<Tracked> it = active.values().iterator(); it.hasNext(); ) {
      Tracked t = it.next();
      if (step(t, current.containsKey(t.labels), at, events)) {
        it.remove();
      }
    }
    return events;
  }

  /**
   * One alert's transition at {@code at}, given whether an element has its labels: pending fires
   * once it held for {@code for}; an absent one resolves (after {@code keep_firing_for}). True when
   * it is to be removed.
   */
  boolean step(Tracked t, boolean present, Instant at, List<Alert> events) {
    if (!present) {
      if (keepsFiring(t, at)) {
        return false;
      }
      if (t.state == AlertState.FIRING) {
        events.add(event(t, AlertStatus.RESOLVED, at));
      }
      return true;
    }
    if (t.state == AlertState.PENDING
        && at.toEpochMilli() - t.activeAt.toEpochMilli() >= rule.holdDuration().toMillis()) {
      t.state = AlertState.FIRING;
      t.firedAt = at;
      events.add(event(t, AlertStatus.FIRING, null));
    }
    return false;
  }

  private boolean keepsFiring(Tracked t, Instant at) {
    if (t.state != AlertState.FIRING || rule.keepFiringFor().isZero()) {
      return false;
    }
    if (t.keepFiringSince == null) {
      t.keepFiringSince = at;
    }
    return at.toEpochMilli() - t.keepFiringSince.toEpochMilli() < rule.keepFiringFor().toMillis();
  }

  private Alert event(Tracked t, AlertStatus status, Instant endsAt) {
    return new Alert(
        status,
        context.withExternalLabels(t.labels),
        t.annotations,
        t.activeAt,
        endsAt,
        generatorUrl);
  }

  /** Re-creates one pending or firing alert as a checkpoint saved it; inactive ones are skipped. */
  void restore(ActiveAlert a) {
    if (a.state() == AlertState.INACTIVE) {
      return;
    }
    Tracked t = new Tracked(a.labels(), a.annotations(), a.value(), a.activeAt());
    t.state = a.state();
    t.firedAt = a.firedAt();
    t.keepFiringSince = a.keepFiringSince();
    active.put(t);
  }

  /**
   * Drops every alert: firing ones end at {@code at} (or, without a clock, when they fired) with a
   * resolved event; pending ones vanish silently, as they never notified.
   */
  List<Alert> resolveAll(Instant at) {
    List<Alert> events = new ArrayList<>();
    for (Tracked t : active.values()) {
      if (t.state == AlertState.FIRING) {
        events.add(event(t, AlertStatus.RESOLVED, at != null ? at : t.firedAt));
      }
    }
    active.clear();
    return events;
  }

  /** The pending and firing alerts now, in the order they became active. */
  List<ActiveAlert> alerts() {
    List<ActiveAlert> out = new ArrayList<>();
    for (Tracked t : active.values()) {
      out.add(view(t));
    }
    return out;
  }

  /** The pending or firing alert with these (rule-level) labels, or null. */
  ActiveAlert alert(Labels labels) {
    Tracked t = active.get(labels);
    return t == null ? null : view(t);
  }

  private static ActiveAlert view(Tracked t) {
    return new ActiveAlert(
        t.labels, t.annotations, t.state, t.activeAt, t.firedAt, t.keepFiringSince, t.value);
  }

  /** Visits every alert's labels, state and timers without copying it. */
  void forEachAlert(AlertingRuleState.AlertTimers visitor) {
    for (Tracked t : active.values()) {
      visitor.visit(t.labels, t.state, t.activeAt, t.firedAt, t.keepFiringSince);
    }
  }

  /** Visits the alert with these labels, or reports them gone. */
  void visit(Labels labels, AlertingRuleState.AlertChanges visitor) {
    Tracked t = active.get(labels);
    if (t == null) {
      visitor.gone(labels);
    } else {
      visitor.visit(t.labels, t.state, t.activeAt, t.firedAt, t.keepFiringSince);
    }
  }

  /** Firing if any alert fires, else pending if any is pending, else inactive. */
  AlertState state() {
    AlertState s = AlertState.INACTIVE;
    for (Tracked t : active.values()) {
      if (t.state == AlertState.FIRING) {
        return AlertState.FIRING;
      }
      s = AlertState.PENDING;
    }
    return s;
  }
}
