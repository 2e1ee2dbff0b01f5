package dev.alerting.rule.alert;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.promql.engine.LabelMemo;
import dev.alerting.promql.storage.MemorySeriesStore;
import dev.alerting.promql.storage.SeriesSource;
import dev.alerting.promql.storage.StoredSeries;
import dev.alerting.rule.expr.Element;
import dev.alerting.rule.group.AlertingRule;
import dev.alerting.rule.group.RuleGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
  private final SeriesLimit limit;
  private final AlertStateMachine machine;
  private final AlertExpansion expansion;
  private final IncrementalEvaluation incremental;
  // What the checkpoint must look at next: per poll it visits the changed alerts, not all of them.
  private final ChangedAlerts changed = new ChangedAlerts();
  private Health health = Health.UNKNOWN;
  private String lastError = "";
  private Instant lastEvaluation;
  private boolean refused;
  // Label sets derived from the series read, kept for the next full evaluation.
  private final LabelMemo memo = new LabelMemo();

  public AlertingRuleState(AlertingRule rule, AlertContext context) {
    this(rule, context, SeriesLimit.NONE);
  }

  public AlertingRuleState(AlertingRule rule, AlertContext context, SeriesLimit limit) {
    this(rule, context, limit, RuleGroup.DEFAULT_INTERVAL);
  }

  /**
   * {@code refresh}: the longest event time an element kept per group goes without being evaluated
   * when its group gets no sample and no tick comes (the rule group's {@code interval}).
   */
  public AlertingRuleState(
      AlertingRule rule, AlertContext context, SeriesLimit limit, Duration refresh) {
    this.rule = rule;
    this.context = context;
    this.limit = limit;
    this.machine = new AlertStateMachine(rule, context);
    this.expansion = new AlertExpansion(rule, context);
    this.incremental = new IncrementalEvaluation(rule, machine.active(), refresh);
  }

  public AlertingRule rule() {
    return rule;
  }

  /**
   * Whether {@link #evaluateChanged} can keep this rule's result per group of series (see {@link
   * GroupResults} and {@link AggregateResults}) when it is not steady per series.
   */
  public static boolean keepsGroups(AlertingRule rule) {
    return IncrementalEvaluation.keepsGroups(rule.expr());
  }

  /** Evaluates the rule at {@code atMillis} and returns the firing and resolved events. */
  public List<Alert> evaluate(SeriesSource source, long atMillis) {
    incremental.invalidate();
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
      candidates.add(expansion.reexpand(el));
    }
    expansion.evaluated();
    return decide(candidates, atMillis);
  }

  /**
   * As {@link #evaluate} over {@code store}, but reads only the series in {@code changed}: the
   * other series' elements are those kept from earlier evaluations. For rules whose expression is
   * {@link dev.alerting.promql.Locality#STEADY} the outcome is the same (see {@link
   * SeriesResults}); for rules whose expression has a {@link dev.alerting.promql.Partition} it
   * reads the groups of the changed series and those not evaluated for the refresh interval, and
   * keeps the others' elements as they were at their latest evaluation (see {@link GroupResults}).
   * Only when every sample stored since the previous call for a series the rule selects is in
   * {@code changed}, or {@link #forgetSeriesResults} was called.
   */
  public List<Alert> evaluateChanged(
      MemorySeriesStore store, Collection<? extends StoredSeries> changed, long atMillis) {
    if (!incremental.update(store, changed, atMillis, expansion::expand)) {
      return evaluate(store, atMillis);
    }
    return decideKept(atMillis);
  }

  /**
   * As {@link #evaluate} over {@code store}, with the same outcome, at an instant after the latest
   * {@link #evaluateChanged} with no sample stored since for a series the rule selects (a tick). A
   * steady rule reads no series: the kept elements minus those whose series left the lookback are
   * the whole result. A rule kept per group evaluates every group, and only the alerts whose
   * elements changed are stepped. Evaluates in full when the kept elements are not complete (none
   * yet, after {@link #forgetSeriesResults} or after an update that fell back to full evaluation).
   */
  public List<Alert> evaluateKept(MemorySeriesStore store, long atMillis) {
    if (!incremental.tick(store, atMillis, expansion::expand)) {
      return evaluate(store, atMillis);
    }
    return decideKept(atMillis);
  }

  private List<Alert> decideKept(long atMillis) {
    try {
      return decideKeptChanges(atMillis);
    } finally {
      incremental.changesConsumed();
    }
  }

  private List<Alert> decideKeptChanges(long atMillis) {
    lastEvaluation = Instant.ofEpochMilli(atMillis);
    refused = false;
    if (refuse(incremental.size())) {
      incremental.invalidate();
      return List.of();
    }
    List<Alert> events = incremental.stepChanged(machine, changed, Instant.ofEpochMilli(atMillis));
    if (events != null) {
      health = Health.OK;
      lastError = "";
      return events;
    }
    List<Candidate> current = incremental.current();
    events = decide(current, atMillis);
    if (health == Health.OK) {
      incremental.decided(current);
    }
    return events;
  }

  /**
   * Makes the next {@link #evaluateChanged} read every series: samples were stored without being
   * reported as changed.
   */
  public void forgetSeriesResults() {
    incremental.forget();
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
    machine.merge(current.values(), Instant.ofEpochMilli(atMillis));
    return machine.transitions(current, atMillis);
  }

  /**
   * Takes over the alerts, health and last evaluation of {@code previous}, the same rule before a
   * reload, so its pending {@code for} timers and firing alerts carry on untouched.
   */
  public void adopt(AlertingRuleState previous) {
    incremental.invalidate();
    changed.markAll();
    machine.active().takeAll(previous.machine.active());
    health = previous.health;
    lastError = previous.lastError;
    lastEvaluation = previous.lastEvaluation;
    refused = previous.refused;
  }

  /** Re-creates one pending or firing alert from a checkpoint, as it was when written. */
  public void restore(ActiveAlert a) {
    incremental.invalidate();
    changed.markAll();
    machine.restore(a);
  }

  /**
   * Drops every alert because the rule itself is gone (removed or redefined): firing ones end at
   * {@code at} (or, when the engine has no clock yet, when they fired) with a resolved event;
   * pending ones vanish silently, as they never notified.
   */
  public List<Alert> resolveAll(Instant at) {
    List<Alert> events = machine.resolveAll(at);
    incremental.invalidate();
    changed.markAll();
    return events;
  }

  /** The fingerprint an alert with these (rule-level) labels carries on the alerts topic. */
  public String fingerprint(Labels alertLabels) {
    return context.withExternalLabels(alertLabels).fingerprintHex();
  }

  /** The pending and firing alerts now, in the order they became active. */
  public List<ActiveAlert> alerts() {
    return machine.alerts();
  }

  /** The pending or firing alert with these (rule-level) labels, or null. */
  public ActiveAlert alert(Labels labels) {
    return machine.alert(labels);
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
    machine.forEachAlert(visitor);
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
      machine.visit(labels, visitor);
    }
    changed.clear();
    return true;
  }

  /** How many alerts are pending or firing. */
  public int alertCount() {
    return machine.active().size();
  }

  /** The rule's state: firing if any alert fires, else pending if any is pending, else inactive. */
  public AlertState state() {
    return machine.state();
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
