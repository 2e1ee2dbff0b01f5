package dev.alerting.rule.engine;

import dev.alerting.model.Matcher;
import dev.alerting.model.sample.Sample;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.alert.AlertingRuleState;
import dev.alerting.rule.group.AlertingRule;
import dev.alerting.rule.group.Rule;
import dev.alerting.rule.group.RuleGroup;
import dev.alerting.rule.group.RuleIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One loaded rule file, indexed: the alerting rules' states in file order, each with its {@link
 * RuleIdentity}, and which rules a sample of a metric concerns. A reload builds a new set.
 */
final class RuleSet {
  final List<RuleGroup> groups;
  final List<AlertingRuleState> states = new ArrayList<>();
  final List<RuleIdentity> identities = new ArrayList<>();
  final Map<Rule, AlertingRuleState> byRule = new IdentityHashMap<>();
  final Map<String, AlertingRuleState> byKey = new LinkedHashMap<>();
  private final Map<String, List<Integer>> rulesByMetric = new HashMap<>();
  private final List<Integer> rulesWithoutMetric = new ArrayList<>();

  RuleSet(List<RuleGroup> groups, AlertContext context) {
    this.groups = List.copyOf(groups);
    for (RuleGroup g : this.groups) {
      Map<RuleIdentity, Integer> seen = new HashMap<>();
      for (Rule r : g.rules()) {
        if (r instanceof AlertingRule ar) {
          RuleIdentity base = RuleIdentity.of(g.name(), ar, 0);
          int n = seen.merge(base, 1, Integer::sum) - 1;
          index(new AlertingRuleState(ar, context), base.withOccurrence(n));
        }
      }
    }
  }

  private void index(AlertingRuleState state, RuleIdentity id) {
    int i = states.size();
    states.add(state);
    identities.add(id);
    byRule.put(state.rule(), state);
    byKey.put(id.key(), state);
    for (List<Matcher> selector : state.rule().expr().selectors()) {
      String metric = SeriesStore.metricName(selector);
      List<Integer> bucket =
          metric == null ? rulesWithoutMetric : rulesByMetric.computeIfAbsent(metric, k -> new ArrayList<>());
      if (!bucket.contains(i)) {
        bucket.add(i);
      }
    }
  }

  /** Marks in {@code touched} the rules whose selectors match {@code s}. */
  void mark(Sample s, boolean[] touched) {
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
}
