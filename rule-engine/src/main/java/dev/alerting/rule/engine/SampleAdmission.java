package dev.alerting.rule.engine;

import dev.alerting.model.sample.Sample;
import dev.alerting.promql.storage.MemorySeriesStore;

/**
 * Whether a sample of {@link RuleEngine#accept} is stored, and the counts of what was not simply
 * new and in order (see DESIGN.md, "Late and out-of-order samples"): series no rule selects are not
 * stored; a sample at or before clock − retention is dropped as too old; an older one within
 * retention is stored and counted late; one at a timestamp its series already has replaces the
 * value and is counted as a duplicate. Not thread-safe: the engine's thread drives it.
 */
final class SampleAdmission {
  private long late;
  private long tooOld;
  private long unselected;
  private long duplicates;
  private long future;

  /** A sample dated past the clock bound it came with (see {@link SampleCounts#future()}). */
  void countFuture() {
    future++;
  }

  /** Stores {@code s} when {@code policy} (the live path) allows; always when it is off (warm). */
  boolean admit(Sample s, RuleSet rules, MemorySeriesStore store, long clock, boolean policy) {
    if (!rules.selects(s.series())) {
      // it still moves the clock (time passed), but memory holds only what rules read
      unselected++;
      return false;
    }
    if (!policy) {
      store.append(s);
      return true;
    }
    long t = s.timestampMillis();
    if (clock != Long.MIN_VALUE && t < clock) {
      if (t <= clock - rules.retention.toMillis()) {
        tooOld++;
        return false;
      }
      late++;
    }
    if (!store.append(s)) {
      duplicates++;
    }
    return true;
  }

  SampleCounts counts() {
    return new SampleCounts(late, tooOld, duplicates, unselected, future);
  }
}
