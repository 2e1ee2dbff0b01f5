package dev.alerting.rule.engine;

import dev.alerting.model.Matcher;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.sample.Sample;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.alert.AlertingRuleState;
import dev.alerting.rule.group.AlertingRule;
import dev.alerting.rule.group.Rule;
import dev.alerting.rule.group.RuleGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
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

  private final List<RuleGroup> groups;
  private final SeriesStore store;
  private final long lookbackMillis;
  private final List<AlertingRuleState> states = new ArrayList<>();
  private final Map<Rule, AlertingRuleState> byRule = new IdentityHashMap<>();
  private final Map<String, List<Integer>> rulesByMetric = new HashMap<>();
  private final List<Integer> rulesWithoutMetric = new ArrayList<>();
  private long clock = Long.MIN_VALUE;
  private long evaluations;

  public RuleEngine(List<RuleGroup> groups, AlertContext context) {
    this(groups, context, LOOKBACK);
  }

  public RuleEngine(List<RuleGroup> groups, AlertContext context, Duration lookback) {
    this.groups = List.copyOf(groups);
    this.store = new SeriesStore(lookback);
    this.lookbackMillis = lookback.toMillis();
    for (RuleGroup g : this.groups) {
      for (Rule r : g.rules()) {
        if (r instanceof AlertingRule ar) {
          index(new AlertingRuleState(ar, context));
        }
      }
    }
  }

  private void index(AlertingRuleState state) {
    int i = states.size();
    states.add(state);
    byRule.put(state.rule(), state);
    for (List<Matcher> selector : state.rule().expr().selectors()) {
      String metric = SeriesStore.metricName(selector);
      List<Integer> bucket =
          metric == null ? rulesWithoutMetric : rulesByMetric.computeIfAbsent(metric, k -> new ArrayList<>());
      if (!bucket.contains(i)) {
        bucket.add(i);
      }
    }
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
      boolean[] touched = new boolean[states.size()];
      for (; i < sorted.size() && sorted.get(i).timestampMillis() == ts; i++) {
        Sample s = sorted.get(i);
        if (store.add(s)) {
          mark(s, touched);
        }
      }
      clock = Math.max(clock, ts);
      for (int r = 0; r < touched.length; r++) {
        if (touched[r]) {
          events.addAll(evaluate(states.get(r)));
        }
      }
    }
    return events;
  }

  private void mark(Sample s, boolean[] touched) {
    for (int r : rulesByMetric.getOrDefault(s.name(), List.of())) {
      touched[r] |= concerns(states.get(r), s);
    }
    for (int r : rulesWithoutMetric) {
      touched[r] |= concerns(states.get(r), s);
    }
  }

  private static boolean concerns(AlertingRuleState state, Sample s) {
    for (List<Matcher> selector : state.rule().expr().selectors()) {
      if (SeriesStore.matchesAll(selector, s.series())) {
        return true;
      }
    }
    return false;
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
    for (AlertingRuleState s : states) {
      events.addAll(evaluate(s));
    }
    store.evictUpTo(clock - lookbackMillis);
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
    return groups;
  }

  /** The state of an alerting rule of {@link #groups()}, or null for other rules. */
  public AlertingRuleState state(Rule rule) {
    return byRule.get(rule);
  }

  /** Every alerting rule's state, in rule-file order. */
  public List<AlertingRuleState> alertingRules() {
    return List.copyOf(states);
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
