package dev.alerting.promql.storage;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
import java.util.Arrays;

/**
 * A growable, time-ordered sample buffer for one series; evicting from the front is amortised O(1).
 * Floats live in primitive arrays; native histograms in a parallel object array allocated only when
 * the series receives its first histogram, so a float-only series pays nothing for them (a null
 * slot is a float sample, whose value is in {@code vs}).
 */
final class SeriesBuffer implements StoredSeries {
  private final Labels labels;
  private long[] ts = new long[8];
  private double[] vs = new double[8];
  private FloatHistogram[] hs;
  private int start;
  private int end;
  private Object attachment;
  // Position in its metric name's NamedSeries.
  int slot;
  private int references;

  SeriesBuffer(Labels labels) {
    this.labels = labels;
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
    return end - start;
  }

  long oldest() {
    return ts[start];
  }

  long newest() {
    return ts[end - 1];
  }

  @Override
  public long newestTimestamp() {
    return ts[end - 1];
  }

  @Override
  public double newestValue() {
    return vs[end - 1];
  }

  @Override
  public FloatHistogram newestHistogram() {
    return hs == null ? null : hs[end - 1];
  }

  /**
   * Appends in time order; an older sample is inserted in place (Kafka may redeliver) and a sample
   * at an existing timestamp replaces the old value, so redelivery is idempotent. Returns false
   * when the sample replaced one.
   */
  boolean add(long t, double v) {
    return add(t, v, null);
  }

  /** As {@link #add(long, double)} for a native histogram sample (its float slot holds 0). */
  boolean add(long t, FloatHistogram h) {
    if (hs == null) {
      hs = new FloatHistogram[ts.length];
    }
    return add(t, 0, h);
  }

  private boolean add(long t, double v, FloatHistogram h) {
    if (size() > 0 && t <= ts[end - 1]) {
      int i = Arrays.binarySearch(ts, start, end, t);
      if (i >= 0) {
        vs[i] = v;
        if (hs != null) {
          hs[i] = h;
        }
        return false;
      }
      // relative to start: making room may move the live part to the front
      int offset = -i - 1 - start;
      ensureCapacity();
      int at = start + offset;
      System.arraycopy(ts, at, ts, at + 1, end - at);
      System.arraycopy(vs, at, vs, at + 1, end - at);
      if (hs != null) {
        System.arraycopy(hs, at, hs, at + 1, end - at);
        hs[at] = h;
      }
      ts[at] = t;
      vs[at] = v;
      end++;
      return true;
    }
    ensureCapacity();
    ts[end] = t;
    vs[end] = v;
    if (hs != null) {
      hs[end] = h;
    }
    end++;
    return true;
  }

  /**
   * Makes room for one more sample at the end. Compacts (moves the live part to the front) while
   * that frees at least an eighth of the arrays, and grows them by a quarter only when fuller, so a
   * steady window of n samples sits in at most about 4n/3 slots (260 in 340; doubling gave 512, 21
   * in 25 where it gave 32): memory per series is mostly the samples themselves. Each compaction
   * frees at least an eighth and each growth adds a quarter, which keeps appending amortised O(1)
   * (about 8 slots copied per append at worst).
   */
  private void ensureCapacity() {
    if (end < ts.length) {
      return;
    }
    int n = size();
    if (start > 0 && n <= ts.length - Math.max(1, ts.length / 8)) {
      System.arraycopy(ts, start, ts, 0, n);
      System.arraycopy(vs, start, vs, 0, n);
      if (hs != null) {
        System.arraycopy(hs, start, hs, 0, n);
        // the moved-from tail must not keep histograms alive
        Arrays.fill(hs, n, end, null);
      }
    } else {
      int grown = ts.length + Math.max(4, ts.length / 4);
      long[] nt = new long[grown];
      double[] nv = new double[grown];
      System.arraycopy(ts, start, nt, 0, n);
      System.arraycopy(vs, start, nv, 0, n);
      ts = nt;
      vs = nv;
      if (hs != null) {
        FloatHistogram[] nh = new FloatHistogram[grown];
        System.arraycopy(hs, start, nh, 0, n);
        hs = nh;
      }
    }
    start = 0;
    end = n;
  }

  /** Drops samples with timestamp at or before {@code cutoff}. */
  void evictUpTo(long cutoff) {
    while (start < end && ts[start] <= cutoff) {
      if (hs != null) {
        hs[start] = null;
      }
      start++;
    }
    if (start == end) {
      start = 0;
      end = 0;
    }
  }

  /** How many samples fit before the arrays must be compacted or grown. */
  int capacity() {
    return ts.length;
  }

  /** A copy of the samples in (minExclusive, maxInclusive], or null when there are none. */
  SeriesSamples window(long minExclusive, long maxInclusive) {
    int from = upperBound(minExclusive);
    int to = upperBound(maxInclusive);
    if (from >= to) {
      return null;
    }
    return new SeriesSamples(
        labels,
        Arrays.copyOfRange(ts, from, to),
        Arrays.copyOfRange(vs, from, to),
        histograms(from, to));
  }

  /**
   * Hands the samples in (minExclusive, maxInclusive] to {@code visitor} in place (no copy);
   * nothing when there are none.
   */
  void visitWindow(long minExclusive, long maxInclusive, SeriesSource.WindowVisitor visitor) {
    // the newest sample is usually in the window: no search for its end then
    int to = end > start && ts[end - 1] <= maxInclusive ? end : upperBound(maxInclusive);
    int from = upperBoundBefore(minExclusive, to);
    if (from < to) {
      visitor.visit(labels, ts, vs, hs, from, to);
    }
  }

  /**
   * First index in [start, to) whose timestamp is greater than {@code t}, else {@code to}: searched
   * back from {@code to} in doubling steps, then halving, because a rule's window is usually a few
   * of the newest samples of a longer buffer (cache lines near the end, already read).
   */
  private int upperBoundBefore(long t, int to) {
    int hi = to;
    int lo = start;
    for (int step = 1; hi - step >= start; step <<= 1) {
      int probe = hi - step;
      if (ts[probe] <= t) {
        lo = probe + 1;
        break;
      }
      hi = probe;
    }
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ts[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** A copy of the histogram slots in [from, to), or null when all of them are floats. */
  private FloatHistogram[] histograms(int from, int to) {
    if (hs == null) {
      return null;
    }
    for (int i = from; i < to; i++) {
      if (hs[i] != null) {
        return Arrays.copyOfRange(hs, from, to);
      }
    }
    return null;
  }

  /** First index whose timestamp is greater than {@code t}. */
  private int upperBound(long t) {
    int lo = start;
    int hi = end;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ts[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
