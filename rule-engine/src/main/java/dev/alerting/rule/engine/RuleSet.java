package dev.alerting.rule.engine;

import dev.alerting.model.Labels;
import dev.alerting.promql.Locality;
import dev.alerting.promql.Requirements;
import dev.alerting.promql.storage.StoredSeries;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.alert.AlertingRuleState;
import dev.alerting.rule.alert.SeriesLimit;
import dev.alerting.rule.group.AlertingRule;
import dev.alerting.rule.group.RecordingRule;
import dev.alerting.rule.group.Rule;
import dev.alerting.rule.group.RuleGroup;
import dev.alerting.rule.group.RuleIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * One loaded rule file, indexed: every rule in evaluation order (groups in order, rules in order),
 * the alerting rules' states with their {@link RuleIdentity}, which rules a series concerns, and
 * the history the rules need. A reload builds a new set.
 */
final class RuleSet {
  /** A rule in evaluation order: exactly one of {@code alerting} and {@code recording} is set. */
  static final class Slot {
    final String key;
    final String group;
    final AlertingRuleState alerting;
    final RecordingRuleState recording;
    final Requirements requirements;
    final SeriesLimit limit;
    final RuleOutput output = new RuleOutput();

    /**
     * Evaluated only on the series that changed ({@link AlertingRuleState#evaluateChanged}): a
     * steady per-series alerting rule, or one evaluated per group, that reads no series rules
     * write, so every change to what it reads comes in as a sample.
     */
    boolean perSeries;

    /** Whether the latest evaluation was refused by the series limit (logged on change only). */
    boolean refused;

    Slot(
        String key,
        String group,
        AlertingRuleState alerting,
        RecordingRuleState recording,
        Rule rule,
        SeriesLimit limit) {
      this.key = key;
      this.group = group;
      this.alerting = alerting;
      this.recording = recording;
      this.requirements = rule.expr().requirements();
      this.limit = limit;
    }

    /** Notes one evaluation's outcome; the change to report when it differs from the last one. */
    SeriesLimitChange noteRefused(boolean now, String error) {
      if (now == refused) {
        return null;
      }
      refused = now;
      String rule = alerting != null ? alerting.rule().name() : recording.rule().name();
      return new SeriesLimitChange(
          group, rule, now, now ? error : "back within series limit " + limit.max());
    }
  }

  final List<RuleGroup> groups;
  final List<Slot> slots = new ArrayList<>();
  final List<AlertingRuleState> states = new ArrayList<>();
  final List<RuleIdentity> identities = new ArrayList<>();
  final Map<Rule, AlertingRuleState> byRule = new IdentityHashMap<>();
  final Map<Rule, RecordingRuleState> recordings = new IdentityHashMap<>();
  final Map<String, AlertingRuleState> byKey = new LinkedHashMap<>();

  /** The longest history any rule reads, never less than the lookback. */
  final Duration retention;

  /** Whether some rule may select ALERTS or ALERTS_FOR_STATE, so writing them is worth it. */
  final boolean readsAlerts;

  private final RuleIndex index;
  // One Route object per distinct list of rules: series share them, so a series costs a reference.
  private final Map<List<Integer>, Route> routes = new HashMap<>();
  private final Route empty = new Route(this, new int[0]);

  /**
   * {@code maxSeriesPerRule} caps every rule; a group's own {@code limit} may lower it. With {@code
   * incremental}, steady per-series alerting rules are evaluated on changed series only.
   */
  RuleSet(List<RuleGroup> groups, AlertContext context, int maxSeriesPerRule, boolean incremental) {
    this(groups, context, maxSeriesPerRule, incremental, false);
  }

  /**
   * As above; with {@code groupEvaluation} too, alerting rules whose series split into independent
   * groups are evaluated on the changed groups only (see {@link EngineOptions#groupEvaluation}).
   */
  RuleSet(
      List<RuleGroup> groups,
      AlertContext context,
      int maxSeriesPerRule,
      boolean incremental,
      boolean groupEvaluation) {
    this.groups = List.copyOf(groups);
    Duration longest = RuleEngine.LOOKBACK;
    boolean alerts = false;
    for (RuleGroup g : this.groups) {
      Map<Object, Integer> seen = new HashMap<>();
      for (Rule r : g.rules()) {
        Slot slot = slot(g, r, seen, context, SeriesLimit.of(maxSeriesPerRule, g.limit()));
        slots.add(slot);
        longest = max(longest, slot.requirements.retention());
        Optional<Set<String>> names = slot.requirements.metricNames();
        alerts |=
            names.isEmpty()
                || names.get().contains(RuleOutput.ALERTS)
                || names.get().contains(RuleOutput.ALERTS_FOR_STATE);
      }
    }
    this.retention = longest;
    this.readsAlerts = alerts;
    this.index = new RuleIndex(slots);
    if (incremental) {
      Set<String> written = new HashSet<>(List.of(RuleOutput.ALERTS, RuleOutput.ALERTS_FOR_STATE));
      recordings.keySet().forEach(r -> written.add(r.name()));
      for (Slot slot : slots) {
        Optional<Set<String>> names = slot.requirements.metricNames();
        slot.perSeries =
            slot.alerting != null
                && (slot.alerting.rule().expr().locality() == Locality.STEADY
                    || (groupEvaluation && AlertingRuleState.keepsGroups(slot.alerting.rule())))
                && names.isPresent()
                && names.get().stream().noneMatch(written::contains);
      }
    }
  }

  private Slot slot(
      RuleGroup g, Rule r, Map<Object, Integer> seen, AlertContext context, SeriesLimit limit) {
    if (r instanceof AlertingRule ar) {
      RuleIdentity base = RuleIdentity.of(g.name(), ar, 0);
      RuleIdentity id = base.withOccurrence(seen.merge(base, 1, Integer::sum) - 1);
      AlertingRuleState state = new AlertingRuleState(ar, context, limit, g.interval());
      states.add(state);
      identities.add(id);
      byRule.put(ar, state);
      byKey.put(id.key(), state);
      return new Slot(id.key(), g.name(), state, null, r, limit);
    }
    RecordingRule rr = (RecordingRule) r;
    List<Object> base = List.of(g.name(), rr.name(), rr.expr().text(), rr.labels());
    String key =
        "record\0"
            + String.join("\0", base.stream().map(String::valueOf).toList())
            + "\0"
            + (seen.merge(base, 1, Integer::sum) - 1);
    RecordingRuleState state = new RecordingRuleState(rr, limit);
    recordings.put(rr, state);
    return new Slot(key, g.name(), null, state, r, limit);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** The rules whose selectors match {@code series}, in evaluation order (see {@link Route}). */
  Route route(Labels series) {
    Matching matching = new Matching(series);
    index.candidates(series, matching);
    if (matching.rules == null) {
      // Series no rule reads are not stored, so this runs for each of their samples: no garbage
      // beyond the one collector (which escape analysis usually removes).
      return empty;
    }
    matching.rules.sort(null);
    return routes.computeIfAbsent(
        matching.rules, m -> new Route(this, m.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** Collects the candidate rules whose requirements {@code series} meets. */
  private final class Matching implements IntConsumer {
    private final Labels series;
    private List<Integer> rules;

    Matching(Labels series) {
      this.series = series;
    }

    @Override
    public void accept(int r) {
      if (slots.get(r).requirements.wants(series)) {
        if (rules == null) {
          rules = new ArrayList<>();
        }
        rules.add(r);
      }
    }
  }

  /** The route kept with {@code series} when this rule set made it, else null. */
  Route routeOf(StoredSeries series) {
    return series.attachment() instanceof Route r && r.rules == this ? r : null;
  }

  /** Marks in {@code touched} the rules of {@code route}, a route of {@code series}. */
  void mark(Route route, StoredSeries series, Touched touched) {
    for (int r : route.slots) {
      if (slots.get(r).perSeries) {
        touched.series(r, series);
      } else {
        touched.rule(r);
      }
    }
  }

  /**
   * Marks in {@code touched} the rules at index {@code from} or later whose selectors match {@code
   * series}, noting the series for rules evaluated per series.
   */
  void mark(StoredSeries series, Touched touched, int from) {
    index.candidates(series.labels(), r -> mark(r, series, touched, from));
  }

  private void mark(int r, StoredSeries series, Touched touched, int from) {
    Slot slot = slots.get(r);
    if (r < from
        || (!slot.perSeries && touched.has(r))
        || !slot.requirements.wants(series.labels())) {
      return;
    }
    if (slot.perSeries) {
      touched.series(r, series);
    } else {
      touched.rule(r);
    }
  }
}
