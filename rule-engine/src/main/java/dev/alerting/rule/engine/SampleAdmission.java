package dev.alerting.rule.engine;

import dev.alerting.model.sample.Sample;
import dev.alerting.promql.storage.MemorySeriesStore;
import dev.alerting.promql.storage.StoredSeries;

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

  /**
   * Stores {@code s} when {@code policy} (the live path) allows, always when it is off (warm), and
   * returns the series it went to, its {@link Route} attached; null when it was not stored. {@code
   * found} is the series {@link MemorySeriesStore#findAll} found for it, null when it was not held
   * then (it is looked up again: an earlier sample of the batch may have added it). Its rules are
   * kept with it in the store.
   */
  StoredSeries admit(
      Sample s,
      StoredSeries found,
      RuleSet rules,
      MemorySeriesStore store,
      long clock,
      boolean policy) {
    StoredSeries held = found != null ? found : store.find(s.series());
    Route route = held == null ? null : rules.routeOf(held);
    if (route == null) {
      route = rules.route(s.series());
      if (route.isEmpty()) {
        // it still moves the clock (time passed), but memory holds only what rules read
        unselected++;
        return null;
      }
    }
    long t = s.timestampMillis();
    if (policy && clock != Long.MIN_VALUE && t < clock) {
      if (t <= clock - rules.retention.toMillis()) {
        tooOld++;
        return null;
      }
      late++;
    }
    boolean added;
    if (held != null) {
      added = store.append(held, s);
    } else {
      added = store.append(s);
      held = store.find(s.series());
    }
    if (policy && !added) {
      duplicates++;
    }
    held.attach(route);
    return held;
  }

  SampleCounts counts() {
    return new SampleCounts(late, tooOld, duplicates, unselected, future);
  }
}
