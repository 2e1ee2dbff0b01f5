package dev.alerting.promql.storage;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.Sample;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * In-memory {@link SeriesSource} keeping per-series sample buffers, indexed by metric name. Call
 * {@link #evictBefore(long)} with {@code now - retention} (see {@code PromQL.retention}) to bound
 * memory. Not thread-safe: confine it to the thread that appends and evaluates.
 */
public final class MemorySeriesStore implements SeriesSource {
  // Found by labels in one lookup; listed per metric name for selectors.
  private final SeriesIndex bySeries = new SeriesIndex();
  private final Map<String, NamedSeries> byName = new HashMap<>();
  // Selectors answered from every series held.
  private final View all = new View(this::forEachMatching);
  private int sampleCount;
  // No stored sample is older (a lower bound): an eviction up to an earlier cutoff has nothing to
  // drop, so the ticks between two sample steps do not scan every series.
  private long oldest = Long.MAX_VALUE;
  private final boolean compress;
  // The sum of the words findAll read ahead: written so that the reads are not optimized away.
  private long readAhead;

  /** A store keeping samples uncompressed. */
  public MemorySeriesStore() {
    this(false);
  }

  /**
   * A store compressing float samples when {@code compress} (see {@link PackedSamples}): about a
   * seventh of the bytes on scraped data, for decoding at each window read.
   */
  public MemorySeriesStore(boolean compress) {
    this.compress = compress;
  }

  /**
   * Stores a float or native histogram sample; false when it replaced the sample the series had at
   * that timestamp.
   */
  public boolean append(Sample sample) {
    return append(buffer(sample.series(), true), sample);
  }

  /**
   * Stores a float or native histogram sample in a series found by {@link #find} since the latest
   * eviction, without looking it up again; false when it replaced the sample at that timestamp.
   */
  public boolean append(StoredSeries series, Sample sample) {
    return append((SeriesBuffer) series, sample);
  }

  /** Stores a native histogram sample; false when it replaced the series' sample at that time. */
  public boolean append(Labels series, FloatHistogram histogram, long timestampMillis) {
    return append(buffer(series, true), histogram, timestampMillis);
  }

  private boolean append(SeriesBuffer b, Sample sample) {
    return sample.isHistogram()
        ? append(b, sample.histogram(), sample.timestampMillis())
        : append(b, sample.value(), sample.timestampMillis());
  }

  private boolean append(SeriesBuffer b, FloatHistogram histogram, long timestampMillis) {
    boolean added = b.add(timestampMillis, histogram);
    oldest = Math.min(oldest, timestampMillis);
    if (added) {
      sampleCount++;
    }
    return added;
  }

  /** Stores a sample; false when it replaced the value the series had at that timestamp. */
  public boolean append(Labels series, double value, long timestampMillis) {
    return append(buffer(series, true), value, timestampMillis);
  }

  /**
   * Stores a sample in a series found by {@link #find} since the latest eviction, without looking
   * it up again; false when it replaced the value the series had at that timestamp.
   */
  public boolean append(StoredSeries series, double value, long timestampMillis) {
    return append((SeriesBuffer) series, value, timestampMillis);
  }

  /**
   * Finds the series of each of the first {@code out.length} samples into {@code out} (null when
   * not held) and reads the word of each that its next append reads first. A lookup is a chain of
   * dependent loads (the label set's fingerprint, the table slot, the series, its array), each
   * likely a cache miss when the series are many and the samples interleave them; in this short
   * loop the chains of several samples are in flight at once instead of one after the other, and
   * the appends that follow find their lines in cache (+18 % samples/s on 100 000 series,
   * docs/benchmarks.md, "Issue 13, stop 30"). A series found here stays valid for {@link
   * #append(StoredSeries, Sample)} until the next {@link #evictBefore}.
   */
  public void findAll(List<Sample> samples, StoredSeries[] out) {
    long words = 0;
    for (int i = 0; i < out.length; i++) {
      SeriesBuffer b = buffer(samples.get(i).series());
      out[i] = b;
      if (b != null) {
        words += b.newestWord();
      }
    }
    // kept, so that the compiler cannot drop the reads
    readAhead += words;
  }

  /** The series with these labels, or null when none is held. */
  public StoredSeries find(Labels series) {
    return buffer(series, false);
  }

  private boolean append(SeriesBuffer b, double value, long timestampMillis) {
    boolean added = b.add(timestampMillis, value, compress);
    oldest = Math.min(oldest, timestampMillis);
    if (added) {
      sampleCount++;
    }
    return added;
  }

  /** Drops every sample at or before {@code cutoff}, and series left empty. */
  public void evictBefore(long cutoff) {
    if (cutoff < oldest) {
      return;
    }
    long left = Long.MAX_VALUE;
    Iterator<NamedSeries> names = byName.values().iterator();
    while (names.hasNext()) {
      NamedSeries series = names.next();
      // backwards: removing swaps the last series into the freed slot
      for (int i = series.size() - 1; i >= 0; i--) {
        SeriesBuffer b = series.get(i);
        int before = b.size();
        b.evictUpTo(cutoff, compress);
        sampleCount -= before - b.size();
        if (b.size() == 0) {
          series.remove(i);
          bySeries.remove(b);
        } else {
          left = Math.min(left, b.oldest());
        }
      }
      if (series.size() == 0) {
        names.remove();
      }
    }
    oldest = left;
  }

  public int seriesCount() {
    return bySeries.size();
  }

  public int sampleCount() {
    return sampleCount;
  }

  /**
   * One series' samples in {@code (minExclusive, maxInclusive]}, or null when it has none there;
   * found by its labels in O(1).
   */
  public SeriesSamples window(Labels series, long minExclusive, long maxInclusive) {
    SeriesBuffer b = buffer(series);
    return b == null ? null : b.window(minExclusive, maxInclusive);
  }

  /** The time of the newest sample of {@code series}, or {@link Long#MIN_VALUE} when none held. */
  public long newestTimestamp(Labels series) {
    SeriesBuffer b = buffer(series);
    return b == null || b.size() == 0 ? Long.MIN_VALUE : b.newest();
  }

  /** The labels of every held series matching all {@code matchers}. */
  public List<Labels> seriesMatching(List<Matcher> matchers) {
    List<Labels> out = new ArrayList<>();
    for (NamedSeries candidates : candidates(matchers)) {
      for (int i = 0; i < candidates.size(); i++) {
        SeriesBuffer b = candidates.get(i);
        if (matchesAll(matchers, b.labels())) {
          out.add(b.labels());
        }
      }
    }
    return out;
  }

  /**
   * This store as if it held only {@code series} (a view of the series held now, not a copy of
   * their samples): selectors still apply their matchers, so a series they do not match is not
   * returned, and windows are read in place as from the store. Costs O(series) per select, whatever
   * the store holds; the series are looked up once, here.
   */
  public SeriesSource restrictedTo(Collection<Labels> series) {
    List<SeriesBuffer> held = new ArrayList<>(series.size());
    for (Labels s : series) {
      SeriesBuffer b = buffer(s);
      if (b != null) {
        held.add(b);
      }
    }
    return new View(
        (matchers, action) -> {
          for (SeriesBuffer b : held) {
            if (matchesAll(matchers, b.labels())) {
              action.accept(b);
            }
          }
        });
  }

  /**
   * A source answering each selector from the series {@code each} hands out for its matchers:
   * windows read in place where the series holds them.
   */
  private record View(BiConsumer<List<Matcher>, Consumer<SeriesBuffer>> each)
      implements SeriesSource {
    @Override
    public List<SeriesSamples> select(
        List<Matcher> matchers, long minExclusive, long maxInclusive) {
      List<SeriesSamples> out = new ArrayList<>();
      each.accept(
          matchers,
          b -> {
            SeriesSamples w = b.window(minExclusive, maxInclusive);
            if (w != null) {
              out.add(w);
            }
          });
      return out;
    }

    @Override
    public void forEachWindow(
        List<Matcher> matchers, long minExclusive, long maxInclusive, WindowVisitor visitor) {
      each.accept(matchers, b -> b.visitWindow(minExclusive, maxInclusive, visitor));
    }

    @Override
    public void forEachNewest(
        List<Matcher> matchers, long minExclusive, long maxInclusive, NewestVisitor visitor) {
      each.accept(matchers, b -> b.visitNewest(minExclusive, maxInclusive, visitor));
    }
  }

  private SeriesBuffer buffer(Labels series) {
    return buffer(series, false);
  }

  private SeriesBuffer buffer(Labels series, boolean create) {
    SeriesBuffer b = bySeries.get(series);
    if (b != null || !create) {
      return b;
    }
    String name = series.metricName();
    if (name == null) {
      throw new IllegalArgumentException("series has no __name__: " + series);
    }
    b = new SeriesBuffer(series);
    bySeries.add(b);
    byName.computeIfAbsent(name, n -> new NamedSeries()).add(b);
    return b;
  }

  @Override
  public List<SeriesSamples> select(List<Matcher> matchers, long minExclusive, long maxInclusive) {
    return all.select(matchers, minExclusive, maxInclusive);
  }

  @Override
  public void forEachWindow(
      List<Matcher> matchers, long minExclusive, long maxInclusive, WindowVisitor visitor) {
    all.forEachWindow(matchers, minExclusive, maxInclusive, visitor);
  }

  @Override
  public void forEachNewest(
      List<Matcher> matchers, long minExclusive, long maxInclusive, NewestVisitor visitor) {
    all.forEachNewest(matchers, minExclusive, maxInclusive, visitor);
  }

  /** Every stored series matching all {@code matchers}, in the name index's order. */
  private void forEachMatching(List<Matcher> matchers, Consumer<SeriesBuffer> action) {
    for (NamedSeries candidates : candidates(matchers)) {
      for (int i = 0; i < candidates.size(); i++) {
        SeriesBuffer b = candidates.get(i);
        if (matchesAll(matchers, b.labels())) {
          action.accept(b);
        }
      }
    }
  }

  /**
   * Uses the name index when the selector names its metric by equality; otherwise scans all names.
   */
  private List<NamedSeries> candidates(List<Matcher> matchers) {
    for (Matcher m : matchers) {
      if (m.name().equals(Labels.METRIC_NAME) && m.type() == Matcher.Type.EQ) {
        NamedSeries s = byName.get(m.value());
        return s == null ? List.of() : List.of(s);
      }
    }
    List<NamedSeries> all = new ArrayList<>();
    byName.forEach(
        (name, series) -> {
          if (nameMatches(matchers, name)) {
            all.add(series);
          }
        });
    return all;
  }

  private static boolean nameMatches(List<Matcher> matchers, String name) {
    for (Matcher m : matchers) {
      if (m.name().equals(Labels.METRIC_NAME) && !m.matches(name)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesAll(List<Matcher> matchers, Labels labels) {
    for (Matcher m : matchers) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }
}
