package dev.alerting.promql.storage;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
import java.util.Arrays;

/**
 * One series' time-ordered samples: its label set and one array, a {@link SampleRing} of
 * uncompressed samples (native histograms in a parallel array allocated only when the series
 * receives its first histogram, so a float-only series pays nothing for them) or a compressed
 * stream.
 *
 * <p>With compression on (the store passes it to {@link #add(long, double, boolean)} and {@link
 * #evictUpTo(long, boolean)}, so a series does not spend a field on it), a float-only series keeps
 * its samples in a {@link PackedSamples} bit stream instead, in the same array field, its coder
 * state in the array's first words ({@link PackedHeader}) and a negative {@code head} marking it
 * (times against a sticky interval, XOR'd values; 1.5-3 B per sample on scraped data) while they
 * arrive in time order. A late or replacing sample, or a native histogram, unpacks the series to
 * the ring (one O(n) copy) and is stored there as without compression; the next eviction packs a
 * ring without histograms again, so a redelivered batch costs one unpack and one pack per series,
 * not one per sample. A histogram series stays in the ring.
 */
final class SeriesBuffer extends SampleRing implements StoredSeries {
  private final Labels labels;
  private Object attachment;
  private int references;

  // head when ring holds a packed series (header words and bit stream), size then unused
  private static final int PACKED = -1;

  SeriesBuffer(Labels labels) {
    this.labels = labels;
  }

  /**
   * The word the next append reads first: the newest sample's time (in the ring's slot, or a packed
   * series' header), 0 when empty. Read ahead of the append so that its line is in cache by then.
   */
  long newestWord() {
    if (head < 0) {
      return PackedHeader.newestTime(ring);
    }
    return size == 0 ? 0 : ringTime(size - 1);
  }

  /** Whether the samples are held compressed now (for tests). */
  boolean packed() {
    return head < 0;
  }

  /** Bytes of the compressed stream in use, or -1 when the samples are in the ring (for tests). */
  int packedBytes() {
    return head < 0 ? PackedHeader.streamBytes(ring) : -1;
  }

  @Override
  public Labels labels() {
    return labels;
  }

  @Override
  public Object attachment() {
    return attachment;
  }

  @Override
  public void attach(Object attachment) {
    this.attachment = attachment;
  }

  @Override
  public int references() {
    return references;
  }

  @Override
  public void references(int references) {
    this.references = references;
  }

  @Override
  public int size() {
    return head < 0 ? PackedHeader.size(ring) : size;
  }

  long oldest() {
    return head < 0 ? PackedHeader.oldestTime(ring) : ring[2 * head];
  }

  long newest() {
    return head < 0 ? PackedHeader.newestTime(ring) : ringTime(size - 1);
  }

  @Override
  public long newestTimestamp() {
    return newest();
  }

  @Override
  public double newestValue() {
    return head < 0
        ? PackedHeader.newestValue(ring)
        : Double.longBitsToDouble(ring[2 * slot(size - 1) + 1]);
  }

  @Override
  public FloatHistogram newestHistogram() {
    return hs == null || head < 0 ? null : hs[slot(size - 1)];
  }

  /**
   * The time of sample {@code i} (0 = oldest, {@code < size()}): for readers in this package that
   * walk the samples in place instead of copying a {@link #window}.
   */
  long time(int i) {
    if (head < 0) {
      return decoded().timestamps()[i];
    }
    return ringTime(i);
  }

  /** The value of sample {@code i} (0 = oldest; 0 for a histogram sample). */
  double value(int i) {
    if (head < 0) {
      return decoded().values()[i];
    }
    return Double.longBitsToDouble(ring[2 * slot(i) + 1]);
  }

  /** The histogram of sample {@code i} (0 = oldest), or null for a float sample. */
  FloatHistogram histogram(int i) {
    return hs == null || head < 0 ? null : hs[slot(i)];
  }

  /** All samples of a packed series, decoded (for the index accessors above, used by tests). */
  private SeriesSamples decoded() {
    return window(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * Appends in time order; an older sample is inserted in place (Kafka may redeliver) and a sample
   * at an existing timestamp replaces the old value, so redelivery is idempotent. Returns false
   * when the sample replaced one. Packs an empty float-only series' samples when {@code compress}.
   */
  boolean add(long t, double v, boolean compress) {
    return add(t, v, null, compress);
  }

  /** As {@link #add(long, double, boolean)} without compression. */
  boolean add(long t, double v) {
    return add(t, v, null, false);
  }

  /** As {@link #add(long, double)} for a native histogram sample (its float slot holds 0). */
  boolean add(long t, FloatHistogram h) {
    if (head < 0) {
      unpack();
    }
    if (hs == null) {
      hs = new FloatHistogram[capacity()];
    }
    return add(t, 0, h, false);
  }

  private boolean add(long t, double v, FloatHistogram h, boolean compress) {
    if (head < 0) {
      if (t > PackedHeader.newestTime(ring) && h == null) {
        ring = PackedSamples.appendTo(ring, t, v);
        return true;
      }
      unpack();
    } else if (compress && size == 0 && h == null && hs == null) {
      ring = PackedSamples.started(t, v);
      head = PACKED;
      return true;
    }
    return addToRing(t, v, h);
  }

  /** Moves a packed series' samples to a ring of its size and a quarter. */
  private void unpack() {
    int n = PackedHeader.size(ring);
    long[] ts = new long[n];
    double[] vs = new double[n];
    PackedSamples.decodeFrom(ring, Long.MIN_VALUE, Long.MAX_VALUE, ts, vs);
    long[] next = new long[2 * (n + Math.max(4, n / 4))];
    for (int i = 0; i < n; i++) {
      next[2 * i] = ts[i];
      next[2 * i + 1] = Double.doubleToRawLongBits(vs[i]);
    }
    ring = next;
    head = 0;
    size = n;
  }

  /** Moves a float-only ring's samples to a packed stream. */
  private void pack() {
    int s = slot(0);
    long[] p = PackedSamples.started(ring[2 * s], Double.longBitsToDouble(ring[2 * s + 1]));
    for (int i = 1; i < size; i++) {
      s = slot(i);
      p = PackedSamples.appendTo(p, ring[2 * s], Double.longBitsToDouble(ring[2 * s + 1]));
    }
    ring = p;
    head = PACKED;
    size = 0;
  }

  /** As {@link #evictUpTo(long, boolean)} without compression. */
  void evictUpTo(long cutoff) {
    evictUpTo(cutoff, false);
  }

  /**
   * Drops samples with timestamp at or before {@code cutoff}; then packs a float-only ring when
   * {@code compress}.
   */
  void evictUpTo(long cutoff, boolean compress) {
    if (head < 0) {
      ring = PackedSamples.evictFrom(ring, cutoff);
      return;
    }
    evictRing(cutoff);
    if (compress && hs == null && size > 0) {
      pack();
    }
  }

  /** A copy of the samples in (minExclusive, maxInclusive], or null when there are none. */
  SeriesSamples window(long minExclusive, long maxInclusive) {
    if (head < 0) {
      // decoded into this thread's arrays (unless a visitor holds them), then copied at its size
      WindowScratch scratch = WindowScratch.current();
      int size = PackedHeader.size(ring);
      long[] ts = scratch.times(size);
      double[] vs = scratch.values(size);
      int n = PackedSamples.decodeFrom(ring, minExclusive, maxInclusive, ts, vs);
      return n == 0 ? null : new SeriesSamples(labels, Arrays.copyOf(ts, n), Arrays.copyOf(vs, n));
    }
    int from = upperBound(minExclusive);
    int to = upperBound(maxInclusive);
    if (from >= to) {
      return null;
    }
    int n = to - from;
    long[] ts = new long[n];
    double[] vs = new double[n];
    copyWindow(from, n, ts, vs);
    return new SeriesSamples(labels, ts, vs, histograms(from, to));
  }

  /**
   * Hands the samples in (minExclusive, maxInclusive] to {@code visitor}; nothing when there are
   * none. The ring keeps time and value bits side by side, so they are copied into this thread's
   * reusable arrays ({@link WindowScratch}) for the call.
   */
  void visitWindow(long minExclusive, long maxInclusive, SeriesSource.WindowVisitor visitor) {
    if (head < 0) {
      visitPacked(minExclusive, maxInclusive, visitor);
      return;
    }
    // the newest sample is usually in the window: no search for its end then
    int to = size > 0 && newest() <= maxInclusive ? size : upperBound(maxInclusive);
    int from = upperBoundBefore(minExclusive, to);
    if (from >= to) {
      return;
    }
    int n = to - from;
    WindowScratch scratch = WindowScratch.current();
    long[] ts = scratch.times(n);
    double[] vs = scratch.values(n);
    copyWindow(from, n, ts, vs);
    scratch.visit(labels, ts, vs, histograms(from, to), n, visitor);
  }

  /**
   * Hands the newest sample in (minExclusive, maxInclusive] to {@code visitor}; nothing when there
   * is none. When the series' newest sample is not after the window (the usual instant selector:
   * evaluated at or after the latest sample), it is read from where it is kept at hand (the ring's
   * last slot, a packed series' header) without copying or decoding the window; only a window
   * ending before the newest sample (an {@code offset}, an {@code @}, a late evaluation) reads it.
   */
  void visitNewest(long minExclusive, long maxInclusive, SeriesSource.NewestVisitor visitor) {
    if (size() == 0) {
      return;
    }
    long t = newest();
    if (t <= maxInclusive) {
      if (t > minExclusive) {
        visitor.visit(labels, t, newestValue(), newestHistogram());
      }
      return;
    }
    visitWindow(
        minExclusive,
        maxInclusive,
        (ls, ts, vs, hs, from, to) ->
            visitor.visit(ls, ts[to - 1], vs[to - 1], hs == null ? null : hs[to - 1]));
  }

  /** As {@link #visitWindow} for a packed series: decoded into the scratch arrays. */
  private void visitPacked(
      long minExclusive, long maxInclusive, SeriesSource.WindowVisitor visitor) {
    long[] p = ring;
    int size = PackedHeader.size(p);
    if (size == 0
        || PackedHeader.oldestTime(p) > maxInclusive
        || PackedHeader.newestTime(p) <= minExclusive) {
      return;
    }
    WindowScratch scratch = WindowScratch.current();
    long[] ts = scratch.times(size);
    double[] vs = scratch.values(size);
    int n = PackedSamples.decodeFrom(p, minExclusive, maxInclusive, ts, vs);
    if (n > 0) {
      scratch.visit(labels, ts, vs, null, n, visitor);
    }
  }
}
