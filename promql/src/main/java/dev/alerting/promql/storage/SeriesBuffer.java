package dev.alerting.promql.storage;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
import java.util.Arrays;

/**
 * One series' time-ordered samples: a ring in one primitive array (time and value bits of a sample
 * side by side), so a series is this object, its label set and one array. Native histograms live in
 * a parallel object array allocated only when the series receives its first histogram, so a
 * float-only series pays nothing for them (a null slot is a float sample, whose value is in the
 * ring).
 *
 * <p>The ring fits itself to the retention: it grows by a quarter while the series fills, and once
 * an eviction drops a sample (the series spans the retention, so its size is the window's) it is
 * trimmed to its fit, the size plus one sample (the next append before the next eviction) and 1/32
 * for jitter, when it is more than 1/32 of that (at least 2 slots) above it. The sample interval is
 * thus learned from the series itself, not assumed.
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
final class SeriesBuffer implements StoredSeries {
  private static final long[] EMPTY = new long[0];

  private final Labels labels;
  // Sample i (0 = oldest) at physical slot p = (head + i) mod capacity: time at 2p, value bits at
  // 2p + 1. One array instead of two saves a header per series and keeps a sample in one line.
  private long[] ring = EMPTY;
  private FloatHistogram[] hs;
  // PACKED when ring holds a packed series (header words and bit stream), size then unused
  private int head;
  private int size;
  private Object attachment;
  private int references;

  private static final int PACKED = -1;

  SeriesBuffer(Labels labels) {
    this.labels = labels;
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
    return head < 0 ? PackedHeader.newestTime(ring) : ring[2 * slot(size - 1)];
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

  /** How many samples fit before the ring must grow. */
  int capacity() {
    return ring.length / 2;
  }

  /** The physical slot of sample {@code i}. */
  private int slot(int i) {
    int p = head + i;
    int cap = ring.length >> 1;
    return p >= cap ? p - cap : p;
  }

  /**
   * The time of sample {@code i} (0 = oldest, {@code < size()}): for readers in this package that
   * walk the samples in place instead of copying a {@link #window}.
   */
  long time(int i) {
    if (head < 0) {
      return decoded().timestamps()[i];
    }
    return ring[2 * slot(i)];
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
    if (size > 0 && t <= newest()) {
      int i = upperBound(t);
      if (i > 0 && time(i - 1) == t) {
        int p = slot(i - 1);
        ring[2 * p + 1] = Double.doubleToRawLongBits(v);
        if (hs != null) {
          hs[p] = h;
        }
        return false;
      }
      insert(i, t, v, h);
      return true;
    }
    if (size == capacity()) {
      resize(capacity() + Math.max(4, capacity() / 4));
    }
    put(slot(size), t, v, h);
    size++;
    return true;
  }

  /** Inserts a late sample before sample {@code i}, moving the newer ones one slot on. */
  private void insert(int i, long t, double v, FloatHistogram h) {
    if (size == capacity()) {
      resize(capacity() + Math.max(4, capacity() / 4));
    }
    for (int k = size; k > i; k--) {
      int to = slot(k);
      int from = slot(k - 1);
      ring[2 * to] = ring[2 * from];
      ring[2 * to + 1] = ring[2 * from + 1];
      if (hs != null) {
        hs[to] = hs[from];
      }
    }
    put(slot(i), t, v, h);
    size++;
  }

  private void put(int p, long t, double v, FloatHistogram h) {
    ring[2 * p] = t;
    ring[2 * p + 1] = Double.doubleToRawLongBits(v);
    if (hs != null) {
      hs[p] = h;
    }
  }

  /** Copies the samples to a ring of {@code capacity} slots, oldest first at slot 0. */
  private void resize(int capacity) {
    long[] next = new long[2 * capacity];
    copyTo(0, size, next, 0);
    if (hs != null) {
      FloatHistogram[] nh = new FloatHistogram[capacity];
      for (int i = 0; i < size; i++) {
        nh[i] = hs[slot(i)];
      }
      hs = nh;
    }
    ring = next;
    head = 0;
  }

  /**
   * Copies the time/value pairs of samples {@code [from, to)} into {@code out} at pair {@code at}.
   */
  private void copyTo(int from, int to, long[] out, int at) {
    int n = to - from;
    if (n <= 0) {
      return;
    }
    int p = slot(from);
    int first = Math.min(n, capacity() - p);
    System.arraycopy(ring, 2 * p, out, 2 * at, 2 * first);
    System.arraycopy(ring, 0, out, 2 * (at + first), 2 * (n - first));
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

  private void evictRing(long cutoff) {
    // from the oldest on: at each tick a steady series loses one sample or none
    int n = 0;
    while (n < size && time(n) <= cutoff) {
      n++;
    }
    if (n == 0) {
      return;
    }
    if (hs != null) {
      for (int i = 0; i < n; i++) {
        hs[slot(i)] = null;
      }
    }
    head = slot(n);
    size -= n;
    if (size == 0) {
      head = 0;
    }
    // The series spans the retention: its size now is what the window holds. A ring with more
    // spare (it grew while filling, or the retention shrank) is fitted; jitter beyond the margin
    // grows it again by a quarter, to be fitted at the next eviction. The second 1/32 (at least
    // one slot) keeps a ring within a few slots of its fit, a window varying by one sample
    // included, from being copied back and forth for them.
    int fitted = size + 1 + (size >> 5);
    if (size > 0 && capacity() - fitted > Math.max(1, fitted >> 5)) {
      resize(fitted);
    }
  }

  /** A copy of the samples in (minExclusive, maxInclusive], or null when there are none. */
  SeriesSamples window(long minExclusive, long maxInclusive) {
    if (head < 0) {
      // decoded into this thread's arrays (unless a visitor holds them), then copied at its size
      WindowScratch scratch = WindowScratch.CURRENT.get();
      int size = PackedHeader.size(ring);
      boolean own = scratch.inUse || scratch.ts.length < size;
      long[] ts = own ? new long[size] : scratch.ts;
      double[] vs = own ? new double[size] : scratch.vs;
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
    unpack(from, n, ts, vs);
    return new SeriesSamples(labels, ts, vs, histograms(from, to));
  }

  /**
   * Copies the times and values of samples {@code [from, from + n)} to the starts of the arrays.
   */
  private void unpack(int from, int n, long[] ts, double[] vs) {
    int p = slot(from);
    int cap = capacity();
    for (int i = 0; i < n; i++) {
      ts[i] = ring[2 * p];
      vs[i] = Double.longBitsToDouble(ring[2 * p + 1]);
      if (++p == cap) {
        p = 0;
      }
    }
  }

  /**
   * Hands the samples in (minExclusive, maxInclusive] to {@code visitor}; nothing when there are
   * none. The ring keeps time and value bits side by side, so they are copied into this thread's
   * reusable arrays (no allocation once they have grown to the longest window) for the call.
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
    WindowScratch scratch = WindowScratch.CURRENT.get();
    boolean nested = scratch.inUse; // a visitor reading another window: fresh arrays for that one
    long[] ts = nested || scratch.ts.length < n ? new long[n] : scratch.ts;
    double[] vs = nested || scratch.vs.length < n ? new double[n] : scratch.vs;
    unpack(from, n, ts, vs);
    visitBorrowed(scratch, nested, ts, vs, histograms(from, to), n, visitor);
  }

  /**
   * Hands a window in {@code ts}/{@code vs} to the visitor; arrays not {@code nested} become the
   * thread's scratch, marked in use while the visitor runs (it may read another window).
   */
  private void visitBorrowed(
      WindowScratch scratch,
      boolean nested,
      long[] ts,
      double[] vs,
      FloatHistogram[] histograms,
      int n,
      SeriesSource.WindowVisitor visitor) {
    if (nested) {
      visitor.visit(labels, ts, vs, histograms, 0, n);
      return;
    }
    scratch.ts = ts;
    scratch.vs = vs;
    scratch.inUse = true;
    try {
      visitor.visit(labels, ts, vs, histograms, 0, n);
    } finally {
      scratch.inUse = false;
    }
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
    WindowScratch scratch = WindowScratch.CURRENT.get();
    boolean nested = scratch.inUse;
    long[] ts = nested || scratch.ts.length < size ? new long[size] : scratch.ts;
    double[] vs = nested || scratch.vs.length < size ? new double[size] : scratch.vs;
    int n = PackedSamples.decodeFrom(p, minExclusive, maxInclusive, ts, vs);
    if (n > 0) {
      visitBorrowed(scratch, nested, ts, vs, null, n, visitor);
    }
  }

  /**
   * First index in [0, to) whose timestamp is greater than {@code t}, else {@code to}: searched
   * back from {@code to} in doubling steps, then halving, because a rule's window is usually a few
   * of the newest samples of a longer buffer (cache lines near the end, already read).
   */
  private int upperBoundBefore(long t, int to) {
    int hi = to;
    int lo = 0;
    for (int step = 1; hi - step >= 0; step <<= 1) {
      int probe = hi - step;
      if (time(probe) <= t) {
        lo = probe + 1;
        break;
      }
      hi = probe;
    }
    return upperBound(t, lo, hi);
  }

  /** The arrays {@link #visitWindow} copies a window into, one set per thread. */
  private static final class WindowScratch {
    static final ThreadLocal<WindowScratch> CURRENT = ThreadLocal.withInitial(WindowScratch::new);

    long[] ts = new long[64];
    double[] vs = new double[64];
    boolean inUse;
  }

  /** A copy of the histogram slots in [from, to), or null when all of them are floats. */
  private FloatHistogram[] histograms(int from, int to) {
    if (hs == null) {
      return null;
    }
    FloatHistogram[] out = null;
    for (int i = from; i < to; i++) {
      FloatHistogram h = hs[slot(i)];
      if (h != null) {
        if (out == null) {
          out = new FloatHistogram[to - from];
        }
        out[i - from] = h;
      }
    }
    return out;
  }

  /** The index of the first sample whose timestamp is greater than {@code t}. */
  private int upperBound(long t) {
    return upperBound(t, 0, size);
  }

  /**
   * As {@link #upperBound(long)} within samples {@code [lo, hi)}, returning {@code hi} past them.
   */
  private int upperBound(long t, int lo, int hi) {
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (time(mid) <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
