package dev.alerting.rule.alert;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.promql.Locality;
import dev.alerting.promql.engine.Evaluator;
import dev.alerting.promql.storage.MemorySeriesStore;
import dev.alerting.rule.expr.Element;
import dev.alerting.rule.expr.Expression;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The current result of a {@link Locality#STEADY} expression, kept per input series, so that an
 * evaluation re-reads only the series that got samples and still knows the whole result. Exact
 * because of what steady means: a series without new samples keeps the element it had until its
 * newest sample is lookback old, and no other series can produce its labels. Only valid while every
 * stored sample of the selected series reaches {@link #update} as changed; {@link #invalidate} when
 * samples were stored behind its back, and the next update re-reads them all.
 */
final class SeriesResults {
  private static final long LOOKBACK = Evaluator.DEFAULT_LOOKBACK.toMillis();

  /** A series' element as alert material, present while the evaluation time is before expiry. */
  private record Entry(Candidate candidate, long expiresAt) {}

  private final Expression expr;
  private final Map<Labels, Entry> bySeries = new HashMap<>();
  private boolean complete;

  SeriesResults(Expression expr) {
    if (expr.locality() != Locality.STEADY) {
      throw new IllegalArgumentException("not a steady per-series expression: " + expr.text());
    }
    this.expr = expr;
  }

  /** Forgets everything: the next update evaluates every selected series. */
  void invalidate() {
    complete = false;
    bySeries.clear();
  }

  /**
   * Re-evaluates each series in {@code changed} (every selected series after {@link #invalidate})
   * on its own at {@code atMillis}, then drops the elements whose series left the lookback.
   *
   * @throws RuntimeException when an evaluation fails; the results are then invalid
   */
  void update(
      MemorySeriesStore store,
      Collection<Labels> changed,
      long atMillis,
      Function<Element, Candidate> expand) {
    Collection<Labels> todo = changed;
    if (!complete) {
      bySeries.clear();
      Set<Labels> all = new LinkedHashSet<>();
      for (List<Matcher> selector : expr.requirements().selectors()) {
        all.addAll(store.seriesMatching(selector));
      }
      todo = all;
      complete = true;
    }
    for (Labels series : todo) {
      long newest = store.newestTimestamp(series);
      if (newest > atMillis) {
        // Its element changes at that sample's time with no sample arriving: not keepable.
        invalidate();
        throw new IllegalStateException("sample after the evaluation time in " + series);
      }
      List<Element> result;
      try {
        result = expr.evaluate(store.restrictedTo(List.of(series)), atMillis);
      } catch (RuntimeException e) {
        invalidate();
        throw e;
      }
      if (result.isEmpty()) {
        bySeries.remove(series);
      } else if (result.size() == 1) {
        Candidate c = expand.apply(result.get(0));
        Entry before = bySeries.get(series);
        if (before != null && before.candidate.labels().equals(c.labels())) {
          // The same Labels object as the alert made from it: map lookups at every later
          // evaluation (ticks included) then compare by identity, not label by label.
          c = new Candidate(before.candidate.labels(), c.annotations(), c.value());
        }
        bySeries.put(series, new Entry(c, newest + LOOKBACK));
      } else {
        invalidate();
        throw new IllegalStateException(result.size() + " elements from one series " + series);
      }
    }
    expire(atMillis);
  }

  /** Whether the kept elements are the whole result of the latest update. */
  boolean complete() {
    return complete;
  }

  /**
   * Drops the elements whose series' newest sample is lookback old at {@code atMillis}, as the
   * lookback window {@code (atMillis − 5m, atMillis]} no longer holds it. With no sample stored
   * since the latest update, what is left is the whole result at {@code atMillis}: that element's
   * sample is still its series' newest in the window.
   */
  void expire(long atMillis) {
    for (Iterator<Entry> it = bySeries.values().iterator(); it.hasNext(); ) {
      if (it.next().expiresAt <= atMillis) {
        it.remove();
      }
    }
  }

  /** How many elements the whole result has. */
  int size() {
    return bySeries.size();
  }

  /** The whole result, one candidate per series that has an element (in no particular order). */
  List<Candidate> current() {
    List<Candidate> out = new ArrayList<>(bySeries.size());
    bySeries.values().forEach(e -> out.add(e.candidate));
    return out;
  }
}
