package dev.alerting.rule.engine;

import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.model.sample.Sample;
import dev.alerting.rule.alert.ActiveAlert;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.alert.AlertState;
import dev.alerting.rule.alert.AlertingRuleState;
import dev.alerting.rule.group.Rule;
import dev.alerting.rule.group.RuleGroup;
import dev.alerting.rule.group.RuleIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure core: series state, alerting rules and an event-time clock, with no Vert.x or Kafka.
 * Samples update series and re-evaluate the rules that read them at the engine's clock (the
 * latest sample time seen); {@link #advanceTo} moves the clock without samples so {@code for},
 * {@code keep_firing_for} and staleness expire. Both return the alert events that result. The
 * clock never goes back, so replaying the same input yields the same events. Not thread-safe.
 */
public final class RuleEngine {
  /** Prometheus's default lookback delta: a series not updated for this long stops matching. */
  public static final Duration LOOKBACK = Duration.ofMinutes(5);

  private final AlertContext context;
  private final SeriesStore store;
  private final long lookbackMillis;
  private RuleSet rules;
  private long clock = Long.MIN_VALUE;
  private long evaluations;

  public RuleEngine(List<RuleGroup> groups, AlertContext context) {
    this(groups, context, LOOKBACK);
  }

  public RuleEngine(List<RuleGroup> groups, AlertContext context, Duration lookback) {
    this.context = context;
    this.store = new SeriesStore(lookback);
    this.lookbackMillis = lookback.toMillis();
    this.rules = new RuleSet(groups, context);
  }

  public List<Alert> accept(Sample sample) {
    return accept(List.of(sample));
  }

  /**
   * Applies samples in timestamp order. After all samples of one timestamp are stored, the rules
   * they concern are evaluated at the clock, so {@code for} counts from the first sample at which
   * the condition held. A sample older than its series' latest one is ignored.
   */
  public List<Alert> accept(Collection<Sample> samples) {
    List<Sample> sorted = new ArrayList<>(samples);
    sorted.sort(Comparator.comparingLong(Sample::timestampMillis));
    List<Alert> events = new ArrayList<>();
    int i = 0;
    while (i < sorted.size()) {
      long ts = sorted.get(i).timestampMillis();
      boolean[] touched = new boolean[rules.states.size()];
      for (; i < sorted.size() && sorted.get(i).timestampMillis() == ts; i++) {
        Sample s = sorted.get(i);
        if (store.add(s)) {
          rules.mark(s, touched);
        }
      }
      clock = Math.max(clock, ts);
      for (int r = 0; r < touched.length; r++) {
        if (touched[r]) {
          events.addAll(evaluate(rules.states.get(r)));
        }
      }
    }
    return events;
  }

  /**
   * Stores samples without evaluating anything or moving the clock: rebuilds the series state after
   * a restart from samples whose effect on alerts the restored checkpoint already holds.
   */
  public void warm(Collection<Sample> samples) {
    List<Sample> sorted = new ArrayList<>(samples);
    sorted.sort(Comparator.comparingLong(Sample::timestampMillis));
    sorted.forEach(store::add);
  }

  /**
   * Moves the clock to {@code instant} (if later) and evaluates every rule there; forgets series
   * that fell out of the lookback window.
   */
  public List<Alert> advanceTo(Instant instant) {
    long t = instant.toEpochMilli();
    if (t <= clock) {
      return List.of();
    }
    clock = t;
    List<Alert> events = new ArrayList<>();
    for (AlertingRuleState s : rules.states) {
      events.addAll(evaluate(s));
    }
    store.evictUpTo(clock - lookbackMillis);
    return events;
  }

  /**
   * Replaces the rules, keeping series and clock. A rule whose {@link RuleIdentity} is unchanged
   * keeps its alerts (pending timers and firing alerts carry on, nothing is emitted); a rule that is
   * gone, or whose identity changed, resolves its firing alerts now; a new or changed rule starts
   * fresh and is evaluated at once against the series held.
   */
  public Reload reload(List<RuleGroup> groups) {
    RuleSet next = new RuleSet(groups, context);
    Map<String, AlertingRuleState> previous = new LinkedHashMap<>(rules.byKey);
    List<Alert> events = new ArrayList<>();
    List<AlertingRuleState> fresh = new ArrayList<>();
    int kept = 0;
    for (Map.Entry<String, AlertingRuleState> e : next.byKey.entrySet()) {
      AlertingRuleState old = previous.remove(e.getKey());
      if (old != null) {
        e.getValue().adopt(old);
        kept++;
      } else {
        fresh.add(e.getValue());
      }
    }
    for (AlertingRuleState gone : previous.values()) {
      events.addAll(gone.resolveAll(now()));
    }
    rules = next;
    if (clock != Long.MIN_VALUE) {
      fresh.forEach(s -> events.addAll(evaluate(s)));
    }
    return new Reload(kept, fresh.size(), previous.size(), events);
  }

  /** Every pending and firing alert with the key of its rule, for checkpointing. */
  public List<SavedAlert> snapshot() {
    List<SavedAlert> out = new ArrayList<>();
    for (int i = 0; i < rules.states.size(); i++) {
      AlertingRuleState s = rules.states.get(i);
      String key = rules.identities.get(i).key();
      for (ActiveAlert a : s.alerts()) {
        out.add(new SavedAlert(key, s.fingerprint(a.labels()), s.rule().expr().text(), a));
      }
    }
    return out;
  }

  /**
   * Restores a checkpoint into a fresh engine: the clock, and every saved alert whose rule still
   * exists with the same identity. Saved firing alerts of rules that no longer exist (the rules
   * changed while the engine was down) resolve at the restored clock, as a reload would have
   * resolved them; those resolved events are returned.
   */
  public List<Alert> restore(Long clockMillis, Collection<SavedAlert> saved) {
    if (clockMillis != null) {
      clock = Math.max(clock, clockMillis);
    }
    List<Alert> events = new ArrayList<>();
    for (SavedAlert a : saved) {
      AlertingRuleState state = rules.byKey.get(a.ruleKey());
      if (state != null) {
        state.restore(a.alert());
      } else if (a.alert().state() == AlertState.FIRING) {
        ActiveAlert x = a.alert();
        events.add(
            new Alert(
                AlertStatus.RESOLVED,
                context.withExternalLabels(x.labels()),
                x.annotations(),
                x.activeAt(),
                clockMillis != null ? Instant.ofEpochMilli(clockMillis) : x.firedAt(),
                context.generatorUrl(a.expr())));
      }
    }
    return events;
  }

  private List<Alert> evaluate(AlertingRuleState state) {
    evaluations++;
    return state.evaluate(store, clock);
  }

  /** The engine's event-time clock, or null before the first sample or tick. */
  public Instant now() {
    return clock == Long.MIN_VALUE ? null : Instant.ofEpochMilli(clock);
  }

  public List<RuleGroup> groups() {
    return rules.groups;
  }

  /** The state of an alerting rule of {@link #groups()}, or null for other rules. */
  public AlertingRuleState state(Rule rule) {
    return rules.byRule.get(rule);
  }

  /** Every alerting rule's state, in rule-file order. */
  public List<AlertingRuleState> alertingRules() {
    return List.copyOf(rules.states);
  }

  /** How many rule evaluations ran so far. */
  public long evaluations() {
    return evaluations;
  }

  /** How many series are held. */
  public int seriesCount() {
    return store.size();
  }
}
