package dev.alerting.rule.engine;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Which rules may select a series, from its metric name and then one label: per metric name, the
 * label that the most of its rules match by equality in every selector of that name ({@code shard}
 * in {@code x{shard="3"} > 90}), each value pointing at its rules, so a series is checked against
 * the rules of its value (and those without such a matcher) instead of every rule of its name. A
 * superset: the caller still checks each candidate's selectors. Rules whose selectors name no
 * metric by equality are candidates for every series.
 */
final class RuleIndex {
  private record Named(String label, Map<String, List<Integer>> byValue, List<Integer> rest) {}

  private final Map<String, Named> byMetric = new HashMap<>();
  private final List<Integer> withoutMetric = new ArrayList<>();

  RuleIndex(List<RuleSet.Slot> slots) {
    Map<String, List<Integer>> rulesByName = new HashMap<>();
    for (int i = 0; i < slots.size(); i++) {
      int r = i;
      slots
          .get(i)
          .requirements
          .metricNames()
          .ifPresentOrElse(
              names ->
                  names.forEach(n -> rulesByName.computeIfAbsent(n, k -> new ArrayList<>()).add(r)),
              () -> withoutMetric.add(r));
    }
    rulesByName.forEach((name, rules) -> byMetric.put(name, named(name, rules, slots)));
  }

  private static Named named(String name, List<Integer> rules, List<RuleSet.Slot> slots) {
    Map<String, Integer> votes = new HashMap<>();
    for (int r : rules) {
      Map<String, Set<String>> values = equalities(name, slots.get(r));
      values.keySet().forEach(l -> votes.merge(l, 1, Integer::sum));
    }
    String label =
        votes.entrySet().stream()
            .max(
                Map.Entry.<String, Integer>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey()))
            .map(Map.Entry::getKey)
            .orElse(null);
    Map<String, List<Integer>> byValue = new HashMap<>();
    List<Integer> rest = new ArrayList<>();
    for (int r : rules) {
      Set<String> values = label == null ? null : equalities(name, slots.get(r)).get(label);
      if (values == null) {
        rest.add(r);
      } else {
        values.forEach(v -> byValue.computeIfAbsent(v, k -> new ArrayList<>()).add(r));
      }
    }
    return new Named(label, byValue, rest);
  }

  /**
   * Per label name, the non-empty values the rule's selectors of metric {@code name} require by
   * equality, for the labels every such selector requires (each selector may require another
   * value).
   */
  private static Map<String, Set<String>> equalities(String name, RuleSet.Slot slot) {
    Map<String, Set<String>> common = null;
    for (List<Matcher> selector : slot.requirements.selectors()) {
      if (selector.stream().noneMatch(m -> isEq(m, Labels.METRIC_NAME) && m.value().equals(name))) {
        continue;
      }
      Map<String, Set<String>> mine = new HashMap<>();
      for (Matcher m : selector) {
        if (m.type() == Matcher.Type.EQ
            && !m.name().equals(Labels.METRIC_NAME)
            && !m.value().isEmpty()) {
          mine.computeIfAbsent(m.name(), k -> new LinkedHashSet<>()).add(m.value());
        }
      }
      if (common == null) {
        common = mine;
      } else {
        common.keySet().retainAll(mine.keySet());
        common.forEach((l, vs) -> vs.addAll(mine.get(l)));
      }
    }
    return common == null ? Map.of() : common;
  }

  private static boolean isEq(Matcher m, String label) {
    return m.type() == Matcher.Type.EQ && m.name().equals(label);
  }

  /** Visits every rule that may select {@code series} (each once). */
  void candidates(Labels series, IntConsumer rule) {
    Named named = byMetric.get(series.metricName());
    if (named != null) {
      if (named.label != null) {
        String value = series.get(named.label);
        List<Integer> rules = value == null ? null : named.byValue.get(value);
        visit(rules, rule);
      }
      visit(named.rest, rule);
    }
    visit(withoutMetric, rule);
  }

  // An indexed loop, not forEach(rule::accept): this runs for every sample of a series no rule
  // holds yet (all samples of series no rule reads), where a method reference per list is garbage.
  private static void visit(List<Integer> rules, IntConsumer rule) {
    if (rules == null) {
      return;
    }
    for (int i = 0; i < rules.size(); i++) {
      rule.accept(rules.get(i));
    }
  }
}
