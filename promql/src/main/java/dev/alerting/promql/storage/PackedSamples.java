package dev.alerting.promql.storage;

import static dev.alerting.promql.storage.PackedHeader.*;

/**
 * One series' float samples, time-ordered, compressed as Gorilla (and Prometheus's XOR chunks)
 * compress them (a timestamp as its gap's difference to an interval, {@link TimeCode}, a value as
 * the XOR of its bits with the previous value's or a whole number's step, {@link ValueCode}), both
 * bit-packed in one {@code long[]} stream.
 *
 * <p>The window slides: samples are appended at the new end and evicted at the old end, so the
 * stream has a <em>re-based start</em> rather than blocks. The oldest held sample is kept decoded
 * in fields together with the decoder state after it (its interval, the XOR window); the stream
 * holds the samples after it, each encoded against its predecessor. Evicting the oldest sample
 * decodes the next one into those fields and moves the read position past it: O(1) per evicted
 * sample, no block header per N samples and no dead samples held after they leave the window (their
 * bits stay at the front until the next compaction, a word copy of the live part when the array is
 * full, or until the array is fitted after an eviction). The newest sample and the encoder state
 * are fields too, so appends and a threshold rule's read of the newest sample decode nothing. A
 * window read decodes from a read cursor, the decoder state kept at the last sample before the
 * latest window read (it only moves forward), when that is not after the window's start, else from
 * the oldest held sample: a rule's {@code rate(x[5m])} over a 65 m retention decodes its 20 samples
 * and the one or two the window slid by since its last evaluation, not the 260 held. A series read
 * over two ranges starting at different times (say [5m] and [1h]) decodes the longer one from the
 * oldest.
 *
 * <p>"Fields" above are a series' header words ({@link PackedHeader}) at the start of its array,
 * before the stream: an instance is a thread's coder, its three {@link PackedPoint}s (the oldest,
 * the newest, the cursor) loaded from a series' array for one append, eviction or read and stored
 * back after it (12 words, 96 B, where a state object and the series' reference to it took 124 B).
 *
 * <p>Only in-order appends: a late or replacing sample, or a native histogram, is stored by the
 * caller ({@link SeriesBuffer}) after unpacking to its uncompressed ring. Values are raw double
 * bits, so NaN payloads (stale markers), -0.0 and infinities come back bit-exact.
 */
final class PackedSamples {
  /**
   * Each thread's two decoder states for {@link #decode} and {@link #evictUpTo} (neither calls out
   * while using them): allocated per call they were not scalar-replaced, and were the largest
   * allocation site of a compressed seed-rule poll (JFR allocation samples).
   */
  private static final ThreadLocal<PackedPoint[]> DECODERS =
      ThreadLocal.withInitial(() -> new PackedPoint[] {new PackedPoint(), new PackedPoint()});

  /**
   * Each thread's coder: the state below is loaded from a series' header words ({@link
   * PackedHeader}) for one operation and stored back after it, so no series holds a coder object.
   */
  private static final ThreadLocal<PackedSamples> CODER =
      ThreadLocal.withInitial(PackedSamples::new);

  // the series' array while loaded: header words, then the stream
  private long[] bits;
  private int size;
  // The oldest sample and the decoder state after it; its position is the read position, where
  // the stream's samples after the oldest start (position 0 = MSB of bits[0], the header's first
  // word: the stream starts at START).
  private final PackedPoint first = new PackedPoint();
  // The newest sample and the encoder state after it; its position is the write position.
  private final PackedPoint last = new PackedPoint();
  // The read cursor: the decoder state at a held sample (pos < 0: none), the last one at or
  // before the start of the latest window read that moved it on. A rule reads the same range at
  // every evaluation, each a step later, so its next window starts at or after the cursor and is
  // decoded from there: the window and the few samples the range slid by, not the whole retention.
  private final PackedPoint cursor = new PackedPoint();
  // the newest sample's value code while it is appended
  private final ValueCode valueCode = new ValueCode();

  private PackedSamples() {
    cursor.pos = -1;
  }

  /** A new series array holding one sample. */
  static long[] started(long t, double value) {
    PackedSamples c = CODER.get();
    c.bits = new long[WORDS + 1];
    c.size = 0;
    c.cursor.pos = -1;
    c.append(t, value);
    return c.store();
  }

  /**
   * Appends a sample newer than the newest in {@code a}; returns the series' array (a new one when
   * it grew).
   */
  static long[] appendTo(long[] a, long t, double value) {
    PackedSamples c = CODER.get().load(a);
    c.append(t, value);
    return c.store();
  }

  /**
   * Drops the samples at or before {@code cutoff} from {@code a}; returns the series' array (a new
   * one when it was fitted).
   */
  static long[] evictFrom(long[] a, long cutoff) {
    PackedSamples c = CODER.get().load(a);
    c.evictUpTo(cutoff);
    return c.store();
  }

  /** {@link #decode} on the samples in {@code a} (whose read cursor it may move). */
  static int decodeFrom(long[] a, long minExclusive, long maxInclusive, long[] ts, double[] vs) {
    PackedSamples c = CODER.get().load(a);
    int n = c.decode(minExclusive, maxInclusive, ts, vs);
    c.store();
    return n;
  }

  private PackedSamples load(long[] a) {
    bits = a;
    long w = a[POSITIONS];
    first.pos = high(w);
    last.pos = low(w);
    w = a[COUNTS];
    size = high(w);
    cursor.pos = low(w);
    w = a[STATES];
    first.load(a, FIRST_TIME, w, 0);
    last.load(a, LAST_TIME, w, 3);
    cursor.load(a, CURSOR_TIME, w, 6);
    return this;
  }

  /** Writes the state to the header of the (possibly new) array and lets go of it. */
  private long[] store() {
    long[] a = bits;
    a[POSITIONS] = pair(first.pos, last.pos);
    a[COUNTS] = pair(size, cursor.pos);
    long w = first.store(a, FIRST_TIME, 0, 0);
    w = last.store(a, LAST_TIME, w, 3);
    a[STATES] = cursor.store(a, CURSOR_TIME, w, 6);
    bits = null;
    return a;
  }

  /** Appends a sample newer than the newest (or the first). */
  private void append(long t, double value) {
    long v = Double.doubleToRawLongBits(value);
    if (size == 0) {
      first.time = last.time = t;
      first.value = last.value = v;
      first.interval = last.interval = 0;
      first.step = last.step = 0;
      first.scale = last.scale = 0;
      first.leading = last.leading = -1;
      first.trailing = last.trailing = 0;
      first.pos = last.pos = START;
      size = 1;
      return;
    }
    long gap = t - last.time;
    long timeCode = gap - last.interval;
    int valueBits = valueCode.choose(last, v);
    ensureRoom(TimeCode.bits(timeCode) + valueBits);
    TimeCode.write(last, bits, timeCode);
    valueCode.write(last, bits);
    last.time = t;
    last.value = v;
    last.interval = TimeCode.interval(last.interval, gap);
    size++;
  }

  /** Drops the samples at or before {@code cutoff}; returns how many. */
  private int evictUpTo(long cutoff) {
    int dropped = 0;
    if (size == 0 || first.time > cutoff) {
      return 0;
    }
    PackedPoint d = DECODERS.get()[0];
    d.copy(first);
    while (size > 0 && d.time <= cutoff) {
      size--;
      dropped++;
      if (size > 0) {
        d.next(bits);
      }
    }
    if (size == 0) {
      clear();
      return dropped;
    }
    first.copy(d);
    if (cursor.pos >= 0 && cursor.time <= cutoff) {
      cursor.pos = -1;
    }
    fit();
    return dropped;
  }

  private void clear() {
    bits = new long[WORDS + 1];
    first.pos = last.pos = START;
    size = 0;
    cursor.pos = -1;
  }

  /**
   * Decodes every held sample in (minExclusive, maxInclusive] into {@code ts}/{@code vs} from index
   * 0 (each at least the size long); returns how many. Starts at the read cursor when it is at or
   * before {@code minExclusive}, else at the oldest sample, and moves the cursor on to the last
   * sample at or before {@code minExclusive} when that is later than the cursor (never back: a rule
   * reading further back, an {@code offset}, would otherwise take it from the rule reading the
   * newest samples at every evaluation).
   */
  private int decode(long minExclusive, long maxInclusive, long[] ts, double[] vs) {
    if (size == 0 || first.time > maxInclusive) {
      return 0;
    }
    PackedPoint[] decoders = DECODERS.get();
    PackedPoint d = decoders[0];
    d.copy(cursor.pos >= 0 && cursor.time <= minExclusive ? cursor : first);
    long[] b = bits;
    int end = last.pos;
    if (d.time <= minExclusive) {
      // the samples at or before the window: the state at the last of them becomes the cursor
      PackedPoint before = decoders[1];
      do {
        before.copy(d);
        if (d.pos == end) {
          moveCursor(before);
          return 0;
        }
        d.next(b);
      } while (d.time <= minExclusive);
      moveCursor(before);
    }
    int n = 0;
    while (d.time <= maxInclusive) {
      ts[n] = d.time;
      vs[n] = Double.longBitsToDouble(d.value);
      n++;
      if (d.pos == end) {
        break;
      }
      d.next(b);
    }
    return n;
  }

  /** Sets the cursor to {@code d}'s state when there is none or it is later than the cursor. */
  private void moveCursor(PackedPoint d) {
    if (cursor.pos >= 0 && d.time <= cursor.time) {
      return;
    }
    cursor.copy(d);
  }

  /** Words from the read position's word to the write position's. */
  private int liveWords() {
    return ((last.pos + 63) >>> 6) - (first.pos >>> 6);
  }

  /**
   * Before an append of {@code n} bits: when they do not fit, moves the live words to the front
   * when that leaves a word free, else grows the stream to the live words and a margin of 1/32 (at
   * least 1 word). A full array in a steady window is thus compacted in place every few samples (a
   * copy of its live words) and not reallocated; the margin is what {@link #fit} leaves too. A word
   * of margin is 8 B per series; the compaction it costs is a copy of the live words every 4-5
   * scraped samples, which the window reads, decoding, outweigh.
   */
  private void ensureRoom(int n) {
    if (last.pos + n <= bits.length << 6) {
      return;
    }
    int capacity = bits.length - WORDS;
    int needed = (last.pos - (first.pos & ~63) + n + 63) >>> 6;
    moveTo(needed < capacity ? capacity : needed + margin(needed));
  }

  private static int margin(int words) {
    return Math.max(1, words >> 5);
  }

  /**
   * After an eviction: an array more than two margins above its live words (and the word for the
   * next append) is fitted to one margin above them, so it is not fitted again until it grows.
   */
  private void fit() {
    int live = liveWords() + 1;
    if (bits.length - WORDS > live + 2 * margin(live)) {
      moveTo(live + margin(live));
    }
  }

  /**
   * Copies the live words to the start of the stream in an array of {@code words} stream words
   * (this one if equal); {@link #store} writes the header.
   */
  private void moveTo(int words) {
    int from = first.pos >>> 6;
    int live = liveWords();
    int length = WORDS + words;
    long[] next = length == bits.length ? bits : new long[length];
    System.arraycopy(bits, from, next, WORDS, live);
    if (next == bits) {
      java.util.Arrays.fill(bits, WORDS + live, Math.min(bits.length, from + live), 0L);
    }
    bits = next;
    int shift = (from - WORDS) << 6;
    first.pos -= shift;
    last.pos -= shift;
    if (cursor.pos >= 0) {
      cursor.pos -= shift;
    }
  }
}
