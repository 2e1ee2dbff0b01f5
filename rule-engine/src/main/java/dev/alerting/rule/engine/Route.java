package dev.alerting.rule.engine;

/**
 * The rules one series concerns (their evaluation indices, ascending), worked out from the rules'
 * selectors on the series' first sample and kept with the series in the store, so later samples
 * touch exactly those rules without matching selectors again. Shared by every series with the same
 * rules; valid for the {@link RuleSet} it was made by (a reload makes new ones).
 */
final class Route {
  final RuleSet rules;
  final int[] slots;

  Route(RuleSet rules, int[] slots) {
    this.rules = rules;
    this.slots = slots;
  }

  /** Whether no rule reads the series. */
  boolean isEmpty() {
    return slots.length == 0;
  }
}
