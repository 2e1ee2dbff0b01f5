package dev.alerting.rule.engine;

import dev.alerting.model.Labels;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The rules (by evaluation index) one pass must evaluate and, for rules evaluated per series, the
 * series whose samples changed.
 */
final class Touched {
  private final BitSet rules = new BitSet();
  private final Map<Integer, Set<Labels>> series = new HashMap<>();
  private long latestClock = Long.MIN_VALUE;

  void rule(int index) {
    rules.set(index);
  }

  void series(int index, Labels changed) {
    rules.set(index);
    series.computeIfAbsent(index, i -> new HashSet<>()).add(changed);
  }

  /**
   * Notes how far one sample of this instant may move the clock; the instant may move it as far as
   * its most permissive sample allows.
   */
  void capClock(long cap) {
    latestClock = Math.max(latestClock, cap);
  }

  /** The latest clock the samples of this instant allow. */
  long latestClock() {
    return latestClock;
  }

  boolean has(int index) {
    return rules.get(index);
  }

  /** The changed series of rule {@code index} (empty when none was noted). */
  Set<Labels> series(int index) {
    return series.getOrDefault(index, Set.of());
  }
}
