package dev.alerting.rule.alert;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.promql.engine.LabelMemo;
import dev.alerting.promql.storage.MemorySeriesStore;
import dev.alerting.promql.storage.SeriesSource;
import dev.alerting.promql.storage.StoredSeries;
import dev.alerting.rule.expr.Element;
import dev.alerting.rule.group.AlertingRule;
import dev.alerting.rule.template.Template;
import dev.alerting.rule.template.TemplateData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alert state machine of one alerting rule, as Prometheus's {@code AlertingRule.Eval}: each
 * result element becomes an alert that is pending, fires once it has held for {@code for}, and
 * resolves when it is gone (after {@code keep_firing_for}). Returns an event per firing and per
 * resolution; pending changes are not events. An evaluation with more elements than its {@link
 * SeriesLimit} is refused: health err, alerts left as they were. Not thread-safe: one engine thread
 * drives it.
 */
public final class AlertingRuleState {
  /** Rule health as Prometheus reports it. */
  public enum Health {
    UNKNOWN,
    OK,
    ERR
  }

  private final AlertingRule rule;
  private final AlertContext context;
  private final String generatorUrl;
  private final SeriesLimit limit;
  // Insertion order keeps the events of one evaluation deterministic.
  private final AlertMap active = new AlertMap();
  private final AlertIndex index;
  // What the checkpoint must look at next: per poll it visits the changed alerts, not all of them.
  private final ChangedAlerts changed = new ChangedAlerts();
  private Health health = Health.UNKNOWN;
  private String lastError = "";
  private Instant lastEvaluation;
  private boolean refused;
  // Kept results per input series, for evaluateChanged only; null until its first call.
  private SeriesResults perSeries;
  // What the elements of the latest full evaluation expanded to, by their labels, and the map the
  // next one fills (the two swap): templates are pure functions of an element's labels and value,
  // so an element back with the same labels and value reuses its expansion.
  private Map<Labels, Candidate> expanded = new HashMap<>();
  private Map<Labels, Candidate> expanding = new HashMap<>();
  // Label sets derived from the series read, kept for the next full evaluation.
  private final LabelMemo memo = new LabelMemo();

  public AlertingRuleState(AlertingRule rule, AlertContext context) {
    this(rule, context, SeriesLimit.NONE);
  }

  public AlertingRuleState(AlertingRule rule, AlertContext context, SeriesLimit limit) {
    this.rule = rule;
    this.context = context;
    this.generatorUrl = context.generatorUrl(rule.expr().text());
    this.limit = limit;
    this.index = new AlertIndex(active, rule.holdDuration(), rule.keepFiringFor());
  }

  public AlertingRule rule() {
    return rule;
  }

  /** Evaluates the rule at {@code atMillis} and returns the firing and resolved events. */
  public List<Alert> evaluate(SeriesSource source, long atMillis) {
    index.invalidate();
    lastEvaluation = Instant.ofEpochMilli(atMillis);
    refused = false;
    List<Element> results;
    try {
      results = rule.expr().evaluate(source, atMillis, memo);
    } catch (RuntimeException e) {
      health = Health.ERR;
      lastError = String.valueOf(e.getMessage());
      return List.of();
    }
    if (refuse(results.size())) {
      return List.of();
    }
    List<Candidate> candidates = new ArrayList<>(results.size());
    for (Element el : results) {
      candidates.add(reexpand(el));
    }
    Map<Labels, Candidate> previous = expanded;
    expanded = expanding;
    expanding = previous;
    expanding.clear();
    return decide(candidates, atMillis);
  }

  /**
   * As {@link #evaluate} over {@code store}, with the same outcome, but reads only the series in
   * {@code changed}: the other series' elements are those kept from earlier evaluations (see {@link
   * SeriesResults}). For rules whose expression is {@link dev.alerting.promql.Locality#STEADY}, and
   * only when every sample stored since the previous call for a series the rule selects is in
   * {@code changed}, or {@link #forgetSeriesResults} was called.
   */
  public List<Alert> evaluateChanged(
      MemorySeriesStore store, Collection<? extends StoredSeries> changed, long atMillis) {
    if (perSeries == null) {
      perSeries = new SeriesResults(rule.expr());
    }
    try {
      perSeries.update(store, changed, atMillis, this::expand);
    } catch (RuntimeException e) {
      // Not expected of a steady expression, nor a sample stored ahead of the clock (warm, load);
      // the full evaluation decides and reports it.
      return evaluate(store, atMillis);
    }
    return decideKept(atMillis);
  }

  /**
   * As {@link #evaluate} over {@code store}, with the same outcome, at an instant after the latest
   * {@link #evaluateChanged} with no sample stored since for a series the rule selects (a tick):
   * the kept elements minus those whose series left the lookback are the whole result, so no series
   * is read. Evaluates in full when the kept elements are not complete (none yet, after {@link
   * #forgetSeriesResults} or after an update that fell back to full evaluation).
   */
  public List<Alert> evaluateKept(MemorySeriesStore store, long atMillis) {
    if (perSeries == null || !perSeries.complete()) {
      return evaluate(store, atMillis);
    }
    perSeries.expire(atMillis);
    return decideKept(atMillis);
  }

  private List<Alert> decideKept(long atMillis) {
    try {
      return decideKeptChanges(atMillis);
    } finally {
      // Consumed: kept until the next update they would hold each changed element's previous
      // candidate (and its annotations) alive for nothing.
      perSeries.changesConsumed();
    }
  }

  private List<Alert> decideKeptChanges(long atMillis) {
    lastEvaluation = Instant.ofEpochMilli(atMillis);
    refused = false;
    if (refuse(perSeries.size())) {
      index.invalidate();
      return List.of();
    }
    if (index.valid() && !perSeries.reread()) {
      Instant at = Instant.ofEpochMilli(atMillis);
      List<Tracked> examined = index.apply(perSeries.changes(), at);
      if (examined != null) {
        health = Health.OK;
        lastError = "";
        List<Alert> events = new ArrayList<>();
        for (Tracked t : examined) {
          // a superset of the alerts whose state or timers move (added, kept firing, due, gone)
          changed.mark(t.labels, active.size());
          if (step(t, t.producers > 0, at, events)) {
            active.remove(t.labels);
            index.removed(t);
          } else {
            index.reschedule(t);
          }
        }
        return events;
      }
    }
    index.invalidate();
    List<Candidate> current = perSeries.current();
    List<Alert> events = decide(current, atMillis);
    if (health == Health.OK) {
      index.rebuild(current);
    }
    return events;
  }

  /**
   * Makes the next {@link #evaluateChanged} read every series: samples were stored without being
   * reported as changed.
   */
  public void forgetSeriesResults() {
    if (perSeries != null) {
      perSeries.invalidate();
    }
  }

  private boolean refuse(int elements) {
    String refusal = limit.refusal(elements);
    if (refusal == null) {
      return false;
    }
    // Neither resolve nor fire on a result we refuse to read: the alerts stay as they were
    // (Prometheus drops them; we keep them so a runaway selector does not resolve real alerts).
    health = Health.ERR;
    lastError = refusal;
    refused = true;
    return true;
  }

  /** Runs the state machine on the whole result of one evaluation. */
  private List<Alert> decide(Collection<Candidate> results, long atMillis) {
    // the whole state machine may touch any alert: it costs O(alerts) already, so may the
    // checkpoint
    changed.markAll();
    Map<Labels, Candidate> current = new LinkedHashMap<>();
    for (Candidate c : results) {
      if (current.put(c.labels(), c) != null) {
        health = Health.ERR;
        lastError = "vector contains metrics with the same labelset after applying alert labels";
        return List.of();
      }
    }
    health = Health.OK;
    lastError = "";
    merge(current.values(), Instant.ofEpochMilli(atMillis));
    return transitions(current, atMillis);
  }

  /**
   * Refreshes known alerts and adds new ones. New alerts of one evaluation are added in label
   * order, not result order, so the order of alerts (and of their events) does not depend on the
   * order in which series were read.
   */
  private void merge(Collection<Candidate> current, Instant at) {
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

  private List<Alert> transitions(Map<Labels, Candidate> current, long atMillis) {
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
  private boolean step(Tracked t, boolean present, Instant at, List<Alert> events) {
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

  /**
   * {@link #expand}, or the expansion of the element with the same labels and value in the latest
   * full evaluation; noted for the next one. Histogram elements are expanded every time.
   */
  private Candidate reexpand(Element el) {
    Candidate c = el.histogram() == null ? expanded.get(el.labels()) : null;
    if (c == null
        || Double.doubleToRawLongBits(c.value()) != Double.doubleToRawLongBits(el.value())) {
      c = expand(el);
    }
    if (el.histogram() == null) {
      expanding.put(el.labels(), c);
    }
    return c;
  }

  /**
   * Alert labels: result labels without {@code __name__}, then the rule's (templated) labels, then
   * {@code alertname}. Templates see the result labels as they are, as in Prometheus.
   */
  private Candidate expand(Element el) {
    TemplateData data =
        new TemplateData(
            el.labels(),
            el.value(),
            context.externalLabels(),
            context.externalUrl(),
            el.histogram());
    Map<String, String> labels = new TreeMap<>(el.labels().without(Labels.METRIC_NAME).asMap());
    rule.labels().forEach((k, tmpl) -> labels.put(k, tmpl.expand(data)));
    labels.put(Labels.ALERT_NAME, rule.name());
    // Kept by every alert and every kept element: a rule without annotations shares one empty map
    // instead of an empty TreeMap each (~64 B with its entry-set view).
    Map<String, String> annotations = Map.of();
    if (!rule.annotations().isEmpty()) {
      annotations = new TreeMap<>();
      for (Map.Entry<String, Template> a : rule.annotations().entrySet()) {
        annotations.put(a.getKey(), a.getValue().expand(data));
      }
    }
    return new Candidate(Labels.of(labels), annotations, el.value());
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

  /**
   * Takes over the alerts, health and last evaluation of {@code previous}, the same rule before a
   * reload, so its pending {@code for} timers and firing alerts carry on untouched.
   */
  public void adopt(AlertingRuleState previous) {
    index.invalidate();
    changed.markAll();
    active.takeAll(previous.active);
    health = previous.health;
    lastError = previous.lastError;
    lastEvaluation = previous.lastEvaluation;
    refused = previous.refused;
  }

  /** Re-creates one pending or firing alert from a checkpoint, as it was when written. */
  public void restore(ActiveAlert a) {
    index.invalidate();
    changed.markAll();
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
   * Drops every alert because the rule itself is gone (removed or redefined): firing ones end at
   * {@code at} (or, when the engine has no clock yet, when they fired) with a resolved event;
   * pending ones vanish silently, as they never notified.
   */
  public List<Alert> resolveAll(Instant at) {
    List<Alert> events = new ArrayList<>();
    for (Tracked t : active.values()) {
      if (t.state == AlertState.FIRING) {
        events.add(event(t, AlertStatus.RESOLVED, at != null ? at : t.firedAt));
      }
    }
    active.clear();
    index.invalidate();
    changed.markAll();
    return events;
  }

  /** The fingerprint an alert with these (rule-level) labels carries on the alerts topic. */
  public String fingerprint(Labels alertLabels) {
    return context.withExternalLabels(alertLabels).fingerprintHex();
  }

  /** The pending and firing alerts now, in the order they became active. */
  public List<ActiveAlert> alerts() {
    List<ActiveAlert> out = new ArrayList<>();
    for (Tracked t : active.values()) {
      out.add(view(t));
    }
    return out;
  }

  /** The pending or firing alert with these (rule-level) labels, or null. */
  public ActiveAlert alert(Labels labels) {
    Tracked t = active.get(labels);
    return t == null ? null : view(t);
  }

  private static ActiveAlert view(Tracked t) {
    return new ActiveAlert(
        t.labels, t.annotations, t.state, t.activeAt, t.firedAt, t.keepFiringSince, t.value);
  }

  /** What a checkpoint keeps of an alert apart from its value and annotations. */
  @FunctionalInterface
  public interface AlertTimers {
    void visit(
        Labels labels,
        AlertState state,
        Instant activeAt,
        Instant firedAt,
        Instant keepFiringSince);
  }

  /**
   * Visits every pending and firing alert's labels, state and timers without copying the alert: a
   * checkpoint compares them when {@link #takeChanges} cannot say which changed.
   */
  public void forEachAlert(AlertTimers visitor) {
    for (Tracked t : active.values()) {
      visitor.visit(t.labels, t.state, t.activeAt, t.firedAt, t.keepFiringSince);
    }
  }

  /** What {@link #takeChanges} reports: an alert's labels, state and timers, or that it is gone. */
  public interface AlertChanges extends AlertTimers {
    void gone(Labels labels);
  }

  /**
   * Visits the alerts whose state or timers may have changed since the previous call (the alerts
   * the incremental state machine examined, a superset) and the labels of those gone, then forgets
   * them; returns false without visiting anything when that is not known (before the first call,
   * after a whole evaluation, a reload, a restore or too many unread marks): the caller then
   * compares every alert ({@link #forEachAlert}). For one caller, the checkpoint: a second one
   * would take the first one's changes away.
   */
  public boolean takeChanges(AlertChanges visitor) {
    if (!changed.known()) {
      changed.clear();
      return false;
    }
    for (Labels labels : changed.marked()) {
      Tracked t = active.get(labels);
      if (t == null) {
        visitor.gone(labels);
      } else {
        visitor.visit(t.labels, t.state, t.activeAt, t.firedAt, t.keepFiringSince);
      }
    }
    changed.clear();
    return true;
  }

  /** How many alerts are pending or firing. */
  public int alertCount() {
    return active.size();
  }

  /** The rule's state: firing if any alert fires, else pending if any is pending, else inactive. */
  public AlertState state() {
    AlertState s = AlertState.INACTIVE;
    for (Tracked t : active.values()) {
      if (t.state == AlertState.FIRING) {
        return AlertState.FIRING;
      }
      s = AlertState.PENDING;
    }
    return s;
  }

  public Health health() {
    return health;
  }

  /** Whether the latest evaluation was refused for exceeding the {@link SeriesLimit}. */
  public boolean refused() {
    return refused;
  }

  public String lastError() {
    return lastError;
  }

  /** When the rule was last evaluated (event time), or null before its first evaluation. */
  public Instant lastEvaluation() {
    return lastEvaluation;
  }
}
