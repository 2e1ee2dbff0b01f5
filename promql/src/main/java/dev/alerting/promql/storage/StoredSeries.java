package dev.alerting.promql.storage;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;

/**
 * One series held by a {@link MemorySeriesStore}, found once per sample ({@link
 * MemorySeriesStore#find}) so that storing the sample and reading the newest one need no further
 * lookup. Valid until the series is evicted. Not thread-safe, as the store.
 */
public interface StoredSeries {
  Labels labels();

  /** How many samples are held. */
  int size();

  /** The newest sample's time; only when {@link #size()} is positive. */
  long newestTimestamp();

  /** The newest sample's value (a stale marker included); only when {@link #size()} is positive. */
  double newestValue();

  /**
   * The newest sample's native histogram, or null when it is a float sample; only when {@link
   * #size()} is positive.
   */
  FloatHistogram newestHistogram();

  /**
   * What the store's user keeps with the series, computed once instead of per sample (the rule
   * engine: which rules read it); null until set, and gone with the series.
   */
  Object attachment();

  void attach(Object attachment);

  /**
   * A count the store's user keeps with the series (the rule engine: how many rules keep a result
   * element for it), so it can skip looking the series up in its own maps when it is zero; 0 for a
   * new series.
   */
  int references();

  void references(int references);
}
