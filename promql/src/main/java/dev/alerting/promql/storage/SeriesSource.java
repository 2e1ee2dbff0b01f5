package dev.alerting.promql.storage;

import dev.alerting.model.Matcher;
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
}
