package dev.alerting.rule.engine;

import dev.alerting.model.alert.Alert;
import dev.alerting.model.sample.Sample;
import dev.alerting.promql.storage.MemorySeriesStore;
import dev.alerting.promql.storage.SeriesSource;
import dev.alerting.promql.storage.StoredSeries;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.alert.AlertingRuleState;
import dev.alerting.rule.group.Rule;
import dev.alerting.rule.group.RuleGroup;
import dev.alerting.rule.group.RuleIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.ObjLongConsumer;
import java.util.function.ToLongFunction;

/**
 * The pure core: series history, rules and an event-time clock, with no Vert.x or Kafka. Samples
 * are stored and re-evaluate the rules that read them at the engine's clock (the latest sample time
 * seen); {@link #advanceTo} moves the clock without samples so {@code for}, {@code
 * keep_firing_for}, absence and staleness take effect. Rules run in group order, rules within a
 * group in order; recording rules and alert state ({@code ALERTS}, {@code ALERTS_FOR_STATE}) are
 * written back as series that later rules read. Both return the alert events that result. The clock
 * never goes back, so replaying the same input yields the same events. A sample older than the
 * clock is stored and counted as late, one older than the retention is dropped ({@link
 * #sampleCounts}). Not thread-safe.
 */
public final class RuleEngine {
  /** Prometheus's default lookback delta: a series not updated for this long stops matching. */
  public static final Duration LOOKBACK = Duration.ofMinutes(5);

  private final AlertContext context;
  private final MemorySeriesStore store;
  private final int maxSeriesPerRule;
  private final boolean incremental;
  private final boolean groupEvaluation;
  private RuleSet rules;
  private long clock = Long.MIN_VALUE;
  private final SampleAdmission admission = new SampleAdmission();
  private final RulePass passes;

  /** An engine that writes {@code ALERTS} series only when some rule reads them; no series cap. */
  public RuleEngine(List<RuleGroup> groups, AlertContext context) {
    this(groups, context, false);
  }

  /**
   * With {@code writeAlertSeries}, {@code ALERTS} series are always written (for queries from
   * outside the rules); no series cap (the promtool runner).
   */
  public RuleEngine(List<RuleGroup> groups, AlertContext context, boolean writeAlertSeries) {
    this(groups, context, new EngineOptions(writeAlertSeries, EngineOptions.UNLIMITED));
  }

  /** An engine run as {@code options} say: {@code ALERTS} series and the cap on series per rule. */
  public RuleEngine(List<RuleGroup> groups, AlertContext context, EngineOptions options) {
    this.context = context;
    this.maxSeriesPerRule = options.maxSeriesPerRule();
    this.incremental = options.incremental();
    this.groupEvaluation = options.groupEvaluation();
    this.store = new MemorySeriesStore(options.compressSamples());
    this.rules = new RuleSet(groups, context, maxSeriesPerRule, incremental, groupEvaluation);
    this.passes = new RulePass(store, options.writeAlertSeries());
  }

  public List<Alert> accept(Sample sample) {
    return accept(List.of(sample));
  }

  /**
   * Applies samples in timestamp order. After all samples of one timestamp are stored, the rules
   * they concern (and the rules reading what those write) are evaluated at the clock, so {@code
   * for} counts from the first sample at which the condition held and an aggregation sees all its
   * series at that instant. A sample older than the clock is late: stored (it may still change a
   * window) and its rules evaluated at the clock, which does not move, so decisions already emitted
   * stand. One at or before clock − {@link #retention()} is dropped, as no rule reads it.
   *
   * <p>With {@link EngineOptions#incremental()}, an alerting rule whose expression is steady per
   * series reads only the series that got samples at that instant and keeps the rest of its result
   * from earlier evaluations: the same events and alerts as reading all its series, see {@code
   * AlertingRuleState#evaluateChanged}.
   */
  public List<Alert> accept(Collection<Sample> samples) {
    return accept(samples, s -> Long.MAX_VALUE);
  }

  /**
   * As {@link #accept(Collection)}, but a sample moves the clock at most to {@code latestClock} of
   * it (the stream passes its record's broker time plus the allowed skew): a sample dated further
   * ahead is stored and counted as future ({@link SampleCounts#future()}), and takes effect when
   * event time reaches it, so one sender's wrong clock cannot resolve everyone's alerts. Samples
   * older than the retention are evicted here too, not only on ticks, so memory stays bounded while
   * the engine is behind and ticks wait.
   */
  public List<Alert> accept(Collection<Sample> samples, ToLongFunction<Sample> latestClock) {
    List<Alert> events = new ArrayList<>();
    forEachInstant(
        samples,
        true,
        (touched, ts) -> {
          clock = Math.max(clock, Math.min(ts, touched.latestClock()));
          events.addAll(pass(clock, touched, true));
        },
        latestClock);
    evictOld();
    return events;
  }

  private void evictOld() {
    if (clock != Long.MIN_VALUE) {
      store.evictBefore(clock - rules.retention.toMillis());
    }
  }

  /**
   * Stores samples without moving the clock or evaluating alerting rules: rebuilds the series
   * history after a restart from samples whose effect on alerts the restored checkpoint already
   * holds. Recording rules they concern are evaluated at each sample instant, so recorded series
   * get their history back too.
   */
  public void warm(Collection<Sample> samples) {
    forEachInstant(samples, false, (touched, ts) -> pass(ts, touched, false), s -> Long.MAX_VALUE);
    forgetSeriesResults();
  }

  /**
   * Stores samples and nothing else: input data known up front (the promtool runner's input
   * series).
   */
  public void load(Collection<Sample> samples) {
    samples.forEach(store::append);
    forgetSeriesResults();
  }

  /** Rules evaluated per series re-read all their series next: samples came in unreported. */
  private void forgetSeriesResults() {
    rules.states.forEach(AlertingRuleState::forgetSeriesResults);
  }

  /** With {@code admit}, applies and counts the late-sample policy of {@link #accept}. */
  private void forEachInstant(
      Collection<Sample> samples,
      boolean admit,
      ObjLongConsumer<Touched> step,
      ToLongFunction<Sample> latestClock) {
    List<Sample> sorted = new ArrayList<>(samples);
    sorted.sort(Comparator.comparingLong(Sample::timestampMillis));
    // the batch's series looked up in one loop first: their cache misses overlap (findAll)
    StoredSeries[] found = new StoredSeries[sorted.size()];
    store.findAll(sorted, found);
    int i = 0;
    while (i < sorted.size()) {
      long ts = sorted.get(i).timestampMillis();
      Touched touched = new Touched();
      for (; i < sorted.size() && sorted.get(i).timestampMillis() == ts; i++) {
        Sample s = sorted.get(i);
        long cap = latestClock.applyAsLong(s);
        touched.capClock(cap);
        if (admit && ts > cap) {
          admission.countFuture();
        }
        StoredSeries stored = admission.admit(s, found[i], rules, store, clock, admit);
        if (stored != null) {
          rules.mark((Route) stored.attachment(), stored, touched);
        }
      }
      step.accept(touched, ts);
    }
  }

  /**
   * Moves the clock to {@code instant} (if later), evaluates every rule there and forgets samples
   * older than the longest history any rule reads. Rules evaluated per series read no series: their
   * kept results, less those past the lookback, are the whole result ({@code
   * AlertingRuleState#evaluateKept}).
   */
  public List<Alert> advanceTo(Instant instant) {
    List<Alert> events = evaluateAt(instant);
    evictOld();
    return events;
  }

  /**
   * As {@link #advanceTo} but keeps all history, for a caller that queries past instants later (the
   * promtool test runner).
   */
  public List<Alert> evaluateAt(Instant instant) {
    long t = instant.toEpochMilli();
    if (t <= clock) {
      return List.of();
    }
    clock = t;
    return pass(t, null, true);
  }

  private List<Alert> pass(long t, Touched touched, boolean alerting) {
    return passes.run(rules, t, touched, alerting);
  }

  /**
   * Replaces the rules, keeping series and clock. A rule whose {@link RuleIdentity} is unchanged
   * keeps its alerts (pending timers and firing alerts carry on, nothing is emitted); a rule that
   * is gone, or whose identity changed, resolves its firing alerts now and its written series go
   * stale; a new or changed rule starts fresh and is evaluated at once against the series held.
   */
  public Reload reload(List<RuleGroup> groups) {
    RuleSet next = new RuleSet(groups, context, maxSeriesPerRule, incremental, groupEvaluation);
    RuleHandover handover = new RuleHandover(rules, next, now(), store::append);
    rules = next;
    List<Alert> evaluated = List.of();
    if (clock != Long.MIN_VALUE) {
      evaluated = pass(clock, handover.fresh(), true);
    }
    return handover.result(evaluated);
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
    return Checkpoint.restore(rules, context, clockMillis, saved);
  }

  /** The engine's event-time clock, or null before the first sample or tick. */
  public Instant now() {
    return clock == Long.MIN_VALUE ? null : Instant.ofEpochMilli(clock);
  }

  public List<RuleGroup> groups() {
    return rules.groups;
  }

  /** The state of a recording rule of {@link #groups()}, or null for other rules. */
  public RecordingRuleState recording(Rule rule) {
    return rules.recordings.get(rule);
  }

  /** The state of an alerting rule of {@link #groups()}, or null for other rules. */
  public AlertingRuleState state(Rule rule) {
    return rules.byRule.get(rule);
  }

  /** Whether {@code rule} is evaluated on changed series only (see {@link EngineOptions}). */
  boolean evaluatesPerSeries(Rule rule) {
    for (RuleSet.Slot slot : rules.slots) {
      if (slot.perSeries && slot.alerting.rule() == rule) {
        return true;
      }
    }
    return false;
  }

  /**
   * Visits every alerting rule's state with its {@link dev.alerting.rule.group.RuleIdentity#key()
   * key}, in rule-file order, without copying its alerts (the checkpoint's change detection).
   */
  public void forEachAlertingRule(
      java.util.function.BiConsumer<String, AlertingRuleState> visitor) {
    for (int i = 0; i < rules.states.size(); i++) {
      visitor.accept(rules.identities.get(i).key(), rules.states.get(i));
    }
  }

  /** Every alerting rule's state, in rule-file order. */
  public List<AlertingRuleState> alertingRules() {
    return List.copyOf(rules.states);
  }

  /** How many rule evaluations ran so far. */
  public long evaluations() {
    return passes.evaluations();
  }

  /** Late, too old and duplicate samples seen by {@link #accept} so far. */
  public SampleCounts sampleCounts() {
    return admission.counts();
  }

  /** How many rule evaluations were refused for exceeding their series limit. */
  public long refusedEvaluations() {
    return passes.refusals();
  }

  /**
   * The rules that started or stopped exceeding their series limit since the last call, for the
   * driver to log once per change.
   */
  public List<SeriesLimitChange> takeSeriesLimitChanges() {
    return passes.takeSeriesLimitChanges();
  }

  /** How many series are held (input, recorded and alert series). */
  public int seriesCount() {
    return store.seriesCount();
  }

  /** How many samples the held series hold. */
  public int storedSamples() {
    return store.sampleCount();
  }

  /**
   * How far back samples are kept: the longest history any rule reads, at least {@link #LOOKBACK}.
   */
  public Duration retention() {
    return rules.retention;
  }

  /**
   * The series history, for queries on the engine's thread (the promtool runner's expression
   * tests).
   */
  public SeriesSource series() {
    return store;
  }
}
