package dev.alerting.promql.storage;

import dev.alerting.model.sample.FloatHistogram;

/**
 * One series' uncompressed samples in time order: a ring in one primitive array (time and value
 * bits of a sample side by side) and, once the series receives its first native histogram, a
 * parallel object array of histograms (a null slot is a float sample, whose value is in the ring).
 *
 * <p>The ring fits itself to the retention: it grows by a quarter while the series fills, and once
 * an eviction drops a sample (the series spans the retention, so its size is the window's) it is
 * trimmed to its fit, the size plus one sample (the next append before the next eviction) and 1/32
 * for jitter, when it is more than 1/32 of that (at least 2 slots) above it. The sample interval is
 * thus learned from the series itself, not assumed.
 *
 * <p>A superclass of {@link SeriesBuffer} rather than an object it holds, so that a series stays
 * one object and one array (a ring object would cost every series a header and a reference). {@link
 * SeriesBuffer} also keeps a compressed stream in {@link #ring}, marked by a negative {@link
 * #head}; the methods here are for a series in the ring.
 */
abstract class SampleRing {
  private static final long[] EMPTY = new long[0];

  // Sample i (0 = oldest) at physical slot p = (head + i) mod capacity: time at 2p, value bits at
  // 2p + 1. One array instead of two saves a header per series and keeps a sample in one line.
  long[] ring = EMPTY;
  FloatHistogram[] hs;
  int head;
  int size;

  /** How many samples fit before the ring must grow. */
  final int capacity() {
    return ring.length / 2;
  }

  /** The physical slot of sample {@code i}. */
  final int slot(int i) {
    int p = head + i;
    int cap = ring.length >> 1;
    return p >= cap ? p - cap : p;
  }

  /** The time of sample {@code i} in the ring. */
  final long ringTime(int i) {
    return ring[2 * slot(i)];
  }

  /**
   * Stores a sample in the ring: in time order, an older one inserted in place and one at an
   * existing timestamp replacing the old value. Returns false when it replaced one.
   */
  final boolean addToRing(long t, double v, FloatHistogram h) {
    if (size > 0 && t <= ringTime(size - 1)) {
      int i = upperBound(t);
      if (i > 0 && ringTime(i - 1) == t) {
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

  /** Drops the ring's samples with timestamp at or before {@code cutoff}, then fits the ring. */
  final void evictRing(long cutoff) {
    // from the oldest on: at each tick a steady series loses one sample or none
    int n = 0;
    while (n < size && ringTime(n) <= cutoff) {
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

  /**
   * Copies the times and values of samples {@code [from, from + n)} to the starts of the arrays.
   */
  final void copyWindow(int from, int n, long[] ts, double[] vs) {
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

  /** A copy of the histogram slots in [from, to), or null when all of them are floats. */
  final FloatHistogram[] histograms(int from, int to) {
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

  /**
   * First index in [0, to) whose timestamp is greater than {@code t}, else {@code to}: searched
   * back from {@code to} in doubling steps, then halving, because a rule's window is usually a few
   * of the newest samples of a longer buffer (cache lines near the end, already read).
   */
  final int upperBoundBefore(long t, int to) {
    int hi = to;
    int lo = 0;
    for (int step = 1; hi - step >= 0; step <<= 1) {
      int probe = hi - step;
      if (ringTime(probe) <= t) {
        lo = probe + 1;
        break;
      }
      hi = probe;
    }
    return upperBound(t, lo, hi);
  }

  /** The index of the first sample whose timestamp is greater than {@code t}. */
  final int upperBound(long t) {
    return upperBound(t, 0, size);
  }

  /**
   * As {@link #upperBound(long)} within samples {@code [lo, hi)}, returning {@code hi} past them.
   */
  private int upperBound(long t, int lo, int hi) {
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ringTime(mid) <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
