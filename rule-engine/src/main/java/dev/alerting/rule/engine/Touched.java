package dev.alerting.rule.engine;

import dev.alerting.promql.storage.StoredSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The rules (by evaluation index) one pass must evaluate and, for rules evaluated per series, the
 * series whose samples changed.
 */
final class Touched {
  private final BitSet rules = new BitSet();
  // Per rule index, the series noted (null when none). A list, not a set: a series sampled twice
  // at one instant (a redelivery) is listed twice, which costs that rule one whole decision
  // (AlertIndex finds the doubled change inconsistent) instead of a hash per sample.
  private List<StoredSeries>[] series = newArray(16);
  private long latestClock = Long.MIN_VALUE;

  void rule(int index) {
    rules.set(index);
  }

  void series(int index, StoredSeries changed) {
    rules.set(index);
    if (index >= series.length) {
      series = Arrays.copyOf(series, Math.max(index + 1, series.length * 2));
    }
    if (series[index] == null) {
      series[index] = new ArrayList<>();
    }
    series[index].add(changed);
  }

  @SuppressWarnings("unchecked")
  private static List<StoredSeries>[] newArray(int n) {
    return (List<StoredSeries>[]) new List<?>[n];
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
  List<StoredSeries> series(int index) {
    return index < series.length && series[index] != null ? series[index] : List.of();
  }
}
