package dev.alerting.rule.alert;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.model.sample.Sample;
import dev.alerting.promql.Locality;
import dev.alerting.promql.engine.Evaluator;
import dev.alerting.promql.storage.MemorySeriesStore;
import dev.alerting.promql.storage.StoredSeries;
import dev.alerting.rule.expr.Element;
import dev.alerting.rule.expr.Expression;
import dev.alerting.rule.expr.SeriesThreshold;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
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
final class SeriesResults extends KeptResults {
  private static final long LOOKBACK = Evaluator.DEFAULT_LOOKBACK.toMillis();

  /** A series' element as alert material, present while the evaluation time is before expiry. */
  private static final class Entry extends DeadlineHeap.Entry implements LabelTable.Keyed {
    StoredSeries series;
    Candidate candidate;

    Entry(StoredSeries series, Candidate candidate) {
      this.series = series;
      this.candidate = candidate;
    }

    @Override
    public Labels key() {
      // a series evicted and back is a new StoredSeries with the same labels
      return series.labels();
    }
  }

  private final Expression expr;
  // Null for other shapes: the element then comes from the PromQL evaluator.
  private final SeriesThreshold threshold;
  private final LabelTable<Entry> bySeries = new LabelTable<>();
  private final DeadlineHeap<Entry> expiries = new DeadlineHeap<>();

  SeriesResults(Expression expr) {
    if (expr.locality() != Locality.STEADY) {
      throw new IllegalArgumentException("not a steady per-series expression: " + expr.text());
    }
    this.expr = expr;
    this.threshold = SeriesThreshold.of(expr);
  }

  /** Forgets everything: the next update evaluates every selected series. */
  @Override
  public void invalidate() {
    complete = false;
    clear();
    changes.clear();
  }

  /**
   * Re-evaluates each series in {@code changed} (every selected series after {@link #invalidate})
   * on its own at {@code atMillis}, then drops the elements whose series left the lookback.
   *
   * @throws RuntimeException when an evaluation fails; the results are then invalid
   */
  @Override
  public void update(
      MemorySeriesStore store,
      Collection<? extends StoredSeries> changed,
      long atMillis,
      Function<Element, Candidate> expand) {
    Collection<? extends StoredSeries> todo = changed;
    startUpdate();
    if (!complete) {
      clear();
      Set<StoredSeries> all = new LinkedHashSet<>();
      for (List<Matcher> selector : expr.requirements().selectors()) {
        for (Labels series : store.seriesMatching(selector)) {
          all.add(store.find(series));
        }
      }
      todo = all;
      complete = true;
    }
    for (StoredSeries stored : todo) {
      Labels series = stored.labels();
      long newest = stored.size() == 0 ? Long.MIN_VALUE : stored.newestTimestamp();
      if (newest > atMillis) {
        // Its element changes at that sample's time with no sample arriving: not keepable.
        invalidate();
        throw new IllegalStateException("sample after the evaluation time in " + series);
      }
      Element element = element(store, stored, series, newest, atMillis);
      if (element == null && stored.references() == 0) {
        // no rule keeps an element for it, so neither do we: no lookup (most samples of a
        // threshold rule's series land here)
        continue;
      }
      Entry entry = bySeries.get(series);
      Candidate before = entry == null ? null : entry.candidate;
      if (element == null) {
        if (entry != null) {
          forget(entry);
          changes.add(new Change(before, null));
        }
        continue;
      }
      Candidate c = expand.apply(element);
      if (before != null && before.labels().equals(c.labels())) {
        // The same Labels object as the alert made from it: map lookups at every later
        // evaluation (ticks included) then compare by identity, not label by label.
        c = new Candidate(before.labels(), c.annotations(), c.value());
      }
      if (entry == null) {
        entry = new Entry(stored, c);
        bySeries.put(entry);
        stored.references(stored.references() + 1);
      } else {
        entry.candidate = c;
        if (entry.series != stored) {
          // the series was evicted and came back as a new one: count the element there
          entry.series.references(entry.series.references() - 1);
          entry.series = stored;
          stored.references(stored.references() + 1);
        }
      }
      expiries.schedule(entry, newest + LOOKBACK);
      changes.add(new Change(before, c));
    }
    expireDue(atMillis);
  }

  /** The element of one series at {@code atMillis}, or null when it has none. */
  private Element element(
      MemorySeriesStore store, StoredSeries stored, Labels series, long newest, long atMillis) {
    if (threshold == null) {
      List<Element> result;
      try {
        result = expr.evaluate(store.restrictedTo(List.of(series)), atMillis);
      } catch (RuntimeException e) {
        invalidate();
        throw e;
      }
      if (result.size() > 1) {
        invalidate();
        throw new IllegalStateException(result.size() + " elements from one series " + series);
      }
      return result.isEmpty() ? null : result.get(0);
    }
    if (newest == Long.MIN_VALUE || newest <= atMillis - LOOKBACK) {
      return null;
    }
    if (stored.newestHistogram() != null) {
      // a comparison with a scalar drops native histogram elements, as in Prometheus
      return null;
    }
    double v = stored.newestValue();
    if (Double.doubleToRawLongBits(v) == Sample.STALE_NAN_BITS || !threshold.keeps(v)) {
      return null;
    }
    return new Element(series, v);
  }

  /**
   * Drops every element. Each kept element counts in its series' {@link StoredSeries#references}: a
   * series at zero has no element here, so an update that finds it without one skips the map.
   */
  private void clear() {
    bySeries.forEach(e -> e.series.references(e.series.references() - 1));
    bySeries.clear();
    expiries.clear();
  }

  private void forget(Entry entry) {
    bySeries.remove(entry.series.labels());
    expiries.remove(entry);
    entry.series.references(entry.series.references() - 1);
  }

  /** A tick: the kept elements minus those past the lookback, when they are complete. */
  @Override
  public boolean tick(MemorySeriesStore store, long atMillis, Function<Element, Candidate> expand) {
    if (!complete) {
      return false;
    }
    expire(atMillis);
    return true;
  }

  /**
   * Drops the elements whose series' newest sample is lookback old at {@code atMillis}, as the
   * lookback window {@code (atMillis − 5m, atMillis]} no longer holds it. With no sample stored
   * since the latest update, what is left is the whole result at {@code atMillis}: that element's
   * sample is still its series' newest in the window.
   */
  void expire(long atMillis) {
    changes.clear();
    reread = false;
    expireDue(atMillis);
  }

  private void expireDue(long atMillis) {
    expiries.takeDue(
        atMillis,
        e -> {
          forget(e);
          changes.add(new Change(e.candidate, null));
        });
  }

  /** How many elements the whole result has. */
  @Override
  public int size() {
    return bySeries.size();
  }

  /** The whole result, one candidate per series that has an element (in no particular order). */
  @Override
  public List<Candidate> current() {
    List<Candidate> out = new ArrayList<>(bySeries.size());
    bySeries.forEach(e -> out.add(e.candidate));
    return out;
  }
}
