package dev.alerting.promql.storage;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.model.sample.FloatHistogram;
import java.util.List;

/**
 * Where the evaluator reads samples from; the rule engine feeds an implementation as samples stream
 * in.
 */
public interface SeriesSource {

  /**
   * Series matching every matcher that have at least one sample with a timestamp in {@code
   * (minExclusive, maxInclusive]}, with exactly those samples in time order. Stale markers (NaN
   * with {@code Sample.STALE_NAN_BITS}) must be included: the evaluator interprets them.
   */
  List<SeriesSamples> select(List<Matcher> matchers, long minExclusive, long maxInclusive);

  /**
   * As {@link #select}, but hands each series' samples in {@code (minExclusive, maxInclusive]} to
   * {@code visitor} in place, without copying them: the evaluator's range functions and instant
   * selectors read a window once and keep nothing of it.
   */
  default void forEachWindow(
      List<Matcher> matchers, long minExclusive, long maxInclusive, WindowVisitor visitor) {
    for (SeriesSamples s : select(matchers, minExclusive, maxInclusive)) {
      visitor.visit(s.labels(), s.timestamps(), s.values(), s.histograms(), 0, s.size());
    }
  }

  /**
   * Per series matching every matcher, its newest sample in {@code (minExclusive, maxInclusive]}
   * (what an instant selector reads), handed to {@code visitor}; nothing for a series without a
   * sample there. Stale markers are handed on like any sample. The default reads each window
   * through {@link #forEachWindow}; a source that keeps each series' newest sample at hand answers
   * without reading (or decoding) the rest of the window.
   */
  default void forEachNewest(
      List<Matcher> matchers, long minExclusive, long maxInclusive, NewestVisitor visitor) {
    forEachWindow(
        matchers,
        minExclusive,
        maxInclusive,
        (labels, ts, values, hs, from, to) ->
            visitor.visit(labels, ts[to - 1], values[to - 1], hs == null ? null : hs[to - 1]));
  }

  /** One series' newest sample in a window: {@code histogram} is null for a float sample. */
  @FunctionalInterface
  interface NewestVisitor {
    void visit(Labels labels, long timestamp, double value, FloatHistogram histogram);
  }

  /**
   * One series' samples at indices {@code [from, to)} (at least one) of arrays that stay the
   * source's: read them during the call only, never keep or change them. {@code histograms} is null
   * when the series holds no native histogram; else a null slot is a float sample.
   */
  @FunctionalInterface
  interface WindowVisitor {
    void visit(
        Labels labels,
        long[] timestamps,
        double[] values,
        FloatHistogram[] histograms,
        int from,
        int to);
  }
}
