package dev.alerting.promql.storage;

import static dev.alerting.promql.storage.PackedHeader.*;

/**
 * One series' float samples, time-ordered, compressed as Gorilla (and Prometheus's XOR chunks)
 * compress them (a timestamp as its gap's difference to an interval, a value as the XOR of its bits
 * with the previous value's), both bit-packed in one {@code long[]} stream.
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
 * before the stream: an instance is a thread's coder, its fields loaded from a series' array for
 * one append, eviction or read and stored back after it (12 words, 96 B, where a state object and
 * the series' reference to it took 124 B).
 *
 * <p>Only in-order appends: a late or replacing sample, or a native histogram, is stored by the
 * caller ({@link SeriesBuffer}) after unpacking to its uncompressed ring. Values are raw double
 * bits, so NaN payloads (stale markers), -0.0 and infinities come back bit-exact.
 *
 * <p>Timestamp codes: a gap (ms) less the series' sticky interval ({@link #interval}), which
 * follows the scrape interval but not the jitter around it, so a scrape a few ms off the grid costs
 * its own offset once and not the difference of two offsets twice, as a delta of deltas does. The
 * code: {@code 0} for 0; {@code 10} + 3 bits for ±1..±4; {@code 110} + 5 bits for ±5..±20; {@code
 * 1110} + 8 bits for ±21..±148; {@code 11110} + 20 bits for ±149..±524 436; {@code 11111} + 64 bits
 * otherwise (a sign bit and the magnitude less the bucket's smallest; see {@link #codeBits}). Value
 * codes: {@code 0} the same bits as the previous value; {@code 10} + 2 bits scale k + the change of
 * the step in the step code ({@code 0}; {@code 10} + 1 bit ±1; {@code 110} + 4 bits ±2..±9; {@code
 * 1110} + 8; {@code 11110} + 20; {@code 11111} + 64), when this and the previous value are whole
 * numbers of 10^-k units (k = 0..3, below 2^53 units) whose doubles are exactly what {@code units /
 * 10^k} gives, as parsing an exporter's decimal text gives them: a counter growing by about the
 * same count per scrape then costs 5 to 10 bits where the XOR of its doubles costs 15 to 25, a
 * value in hundredths 10 to 15 instead of 40 to 50 (the step, in units, is the previous value's
 * change when its code was this one at the same scale, else 0); chosen only when shorter than the
 * XOR code. {@code 11} + Gorilla's XOR code: {@code 0} + the meaningful bits in the previous
 * window, or {@code 1} + 5 bits leading zeros + 6 bits length (0 = 64) + the bits. The encoder
 * checks that the decoder's arithmetic gives the value's exact bits before it uses the integer
 * code.
 */
final class PackedSamples {
  /** Whole numbers up to this magnitude are exact doubles: their differences are exact too. */
  private static final long MAX_EXACT = 1L << 53;

  /**
   * The decimal scales of the integer code: values in whole, tenth, hundredth, thousandth units.
   */
  private static final double[] SCALES = {1, 10, 100, 1000};

  // The gap code's payload widths (bits with the sign): ±1..±4, ±5..±20, ±21..±148, ±149..±524 436.
  private static final int GAP_A = 3;
  private static final int GAP_B = 5;
  private static final int GAP_C = 8;
  private static final int GAP_D = 20;

  // The integer value code's step-change widths: ±1, ±2..±9, ±10..±137, ±138..±524 425.
  private static final int STEP_A = 1;
  private static final int STEP_B = 4;
  private static final int STEP_C = 8;
  private static final int STEP_D = 20;

  /** A gap this far (ms) or further off the interval resets the interval to the gap. */
  private static final int RESET_MS = 128;

  /**
   * Each thread's two decoder states for {@link #decode} and {@link #evictUpTo} (neither calls out
   * while using them): allocated per call they were not scalar-replaced, and were the largest
   * allocation site of a compressed seed-rule poll (JFR allocation samples).
   */
  private static final ThreadLocal<Decoder[]> DECODERS =
      ThreadLocal.withInitial(() -> new Decoder[] {new Decoder(), new Decoder()});

  /**
   * Each thread's coder: the state fields below are loaded from a series' header words ({@link
   * PackedHeader}) for one operation and stored back after it, so no series holds a coder object.
   */
  private static final ThreadLocal<PackedSamples> CODER =
      ThreadLocal.withInitial(PackedSamples::new);

  // the series' array while loaded: header words, then the stream
  private long[] bits;
  // [readPos, writePos): the samples after the oldest, in bits (position 0 = MSB of bits[0], the
  // header's first word: the stream starts at START)
  private int readPos;
  private int writePos;
  private int size;
  // the oldest sample and the decoder state after it
  private long firstTime;
  private long firstValue;
  private int firstInterval;
  private int firstStep;
  private byte firstScale;
  private byte firstLeading = -1;
  private byte firstTrailing;
  // the newest sample and the encoder state after it
  private byte lastLeading = -1;
  private byte lastTrailing;
  private long lastTime;
  private long lastValue;
  // the sticky interval the next gap is coded against (0 before the first gap)
  private int lastInterval;
  // the previous whole-number value step, for the integer code (0 after any other code)
  private int lastStep;
  private byte lastScale;
  // The read cursor: the decoder state at a held sample (cursorPos < 0: none), the last one at or
  // before the start of the latest window read that moved it on. A rule reads the same range at
  // every evaluation, each a step later, so its next window starts at or after the cursor and is
  // decoded from there: the window and the few samples the range slid by, not the whole retention.
  private int cursorPos = -1;
  private long cursorTime;
  private long cursorValue;
  private int cursorInterval;
  private int cursorStep;
  private byte cursorScale;
  private byte cursorLeading;
  private byte cursorTrailing;

  private PackedSamples() {}

  /** A new series array holding one sample. */
  static long[] started(long t, double value) {
    PackedSamples c = CODER.get();
    c.bits = new long[WORDS + 1];
    c.size = 0;
    c.cursorPos = -1;
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
    readPos = high(w);
    writePos = low(w);
    w = a[COUNTS];
    size = high(w);
    cursorPos = low(w);
    firstTime = a[FIRST_TIME];
    firstValue = a[FIRST_VALUE];
    w = a[FIRST_STEPS];
    firstInterval = high(w);
    firstStep = low(w);
    lastTime = a[LAST_TIME];
    lastValue = a[LAST_VALUE];
    w = a[LAST_STEPS];
    lastInterval = high(w);
    lastStep = low(w);
    cursorTime = a[CURSOR_TIME];
    cursorValue = a[CURSOR_VALUE];
    w = a[CURSOR_STEPS];
    cursorInterval = high(w);
    cursorStep = low(w);
    w = a[STATES];
    firstScale = state(w, 0);
    firstLeading = state(w, 1);
    firstTrailing = state(w, 2);
    lastScale = state(w, 3);
    lastLeading = state(w, 4);
    lastTrailing = state(w, 5);
    cursorScale = state(w, 6);
    cursorLeading = state(w, 7);
    cursorTrailing = state(w, 8);
    return this;
  }

  /** Writes the state to the header of the (possibly new) array and lets go of it. */
  private long[] store() {
    long[] a = bits;
    a[POSITIONS] = pair(readPos, writePos);
    a[COUNTS] = pair(size, cursorPos);
    a[FIRST_TIME] = firstTime;
    a[FIRST_VALUE] = firstValue;
    a[FIRST_STEPS] = pair(firstInterval, firstStep);
    a[LAST_TIME] = lastTime;
    a[LAST_VALUE] = lastValue;
    a[LAST_STEPS] = pair(lastInterval, lastStep);
    a[CURSOR_TIME] = cursorTime;
    a[CURSOR_VALUE] = cursorValue;
    a[CURSOR_STEPS] = pair(cursorInterval, cursorStep);
    long w = 0;
    w = withState(w, 0, firstScale);
    w = withState(w, 1, firstLeading);
    w = withState(w, 2, firstTrailing);
    w = withState(w, 3, lastScale);
    w = withState(w, 4, lastLeading);
    w = withState(w, 5, lastTrailing);
    w = withState(w, 6, cursorScale);
    w = withState(w, 7, cursorLeading);
    w = withState(w, 8, cursorTrailing);
    a[STATES] = w;
    bits = null;
    return a;
  }

  int size() {
    return size;
  }

  long oldestTime() {
    return firstTime;
  }

  long newestTime() {
    return lastTime;
  }

  double newestValue() {
    return Double.longBitsToDouble(lastValue);
  }

  /** Appends a sample newer than {@link #newestTime()} (or the first). */
  void append(long t, double value) {
    long v = Double.doubleToRawLongBits(value);
    if (size == 0) {
      firstTime = lastTime = t;
      firstValue = lastValue = v;
      firstInterval = lastInterval = 0;
      firstStep = lastStep = 0;
      firstScale = lastScale = 0;
      firstLeading = lastLeading = -1;
      firstTrailing = lastTrailing = 0;
      readPos = writePos = START;
      size = 1;
      return;
    }
    long gap = t - lastTime;
    long timeCode = gap - lastInterval;
    long x = v ^ lastValue;
    // the value's code: 0 the same bits, 1 the integer code, 2 XOR in the window, 3 a new window
    int code;
    int leading = 0;
    int trailing = 0;
    int scale = -1;
    long step = 0;
    long dod = 0;
    int valueBits;
    if (x == 0) {
      code = 0;
      valueBits = 1;
    } else {
      leading = Math.min(31, Long.numberOfLeadingZeros(x));
      trailing = Long.numberOfTrailingZeros(x);
      boolean inWindow = lastLeading >= 0 && leading >= lastLeading && trailing >= lastTrailing;
      int xorBits =
          inWindow ? 1 + 64 - lastLeading - lastTrailing : 1 + 5 + 6 + 64 - leading - trailing;
      double current = Double.longBitsToDouble(v);
      double before = Double.longBitsToDouble(lastValue);
      for (int k = 0; k < SCALES.length; k++) {
        long units = Math.round(current * SCALES[k]);
        long previous = Math.round(before * SCALES[k]);
        if (exact(units, v, k) && exact(previous, lastValue, k)) {
          scale = k;
          step = units - previous;
          break;
        }
      }
      dod = step - (scale == lastScale ? lastStep : 0);
      if (scale >= 0 && 2 + stepBits(dod) < xorBits) {
        code = 1;
        valueBits = 2 + 2 + stepBits(dod);
      } else {
        code = inWindow ? 2 : 3;
        valueBits = 2 + xorBits;
      }
    }
    ensureRoom(gapBits(timeCode) + valueBits);
    writeGap(timeCode);
    switch (code) {
      case 0 -> {
        write(0, 1);
        lastStep = 0;
      }
      case 1 -> {
        write(0b10, 2);
        write(scale, 2);
        writeStep(dod);
        lastStep = clamp(step);
        lastScale = (byte) scale;
      }
      case 2 -> {
        write(0b110, 3);
        write(x >>> lastTrailing, 64 - lastLeading - lastTrailing);
        lastStep = 0;
      }
      default -> {
        int significant = 64 - leading - trailing;
        write(0b111, 3);
        write(leading, 5);
        write(significant & 63, 6);
        write(x >>> trailing, significant);
        lastLeading = (byte) leading;
        lastTrailing = (byte) trailing;
        lastStep = 0;
      }
    }
    lastTime = t;
    lastValue = v;
    lastInterval = interval(lastInterval, gap);
    size++;
  }

  /**
   * Whether {@code bits} are the double {@code units / SCALES[scale]} gives (not -0.0, NaN, ±Inf),
   * for a whole number of units below 2^53.
   */
  private static boolean exact(long units, long bits, int scale) {
    return units > -MAX_EXACT
        && units < MAX_EXACT
        && Double.doubleToRawLongBits(units / SCALES[scale]) == bits;
  }

  /**
   * An interval or value step as it is kept for the next sample's code: in an int, clamped, by the
   * encoder and the decoder alike (a gap of over 24 days or a step of over 2^31 units costs the
   * next sample a longer code, not a wrong one): 24 bytes less per series.
   */
  static int clamp(long v) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  /**
   * The interval after a gap: the gap itself on the first gap or when the gap is more than {@link
   * #RESET_MS} off the interval (a new scrape interval, a gap in the data), else moved 1/8 of the
   * way towards it, rounded, so that scrape jitter of a few ms leaves it where it is and the next
   * gap is coded against the grid's interval, not against the jittered previous gap. A one-off move
   * of the grid by up to 128 ms costs the next 20 to 30 gaps a few bits each while the interval
   * comes back. Encoder and decoder alike.
   */
  static int interval(int interval, long gap) {
    long off = gap - interval;
    if (interval == 0 || off > RESET_MS || off < -RESET_MS) {
      return clamp(gap);
    }
    // rounded, not truncated: truncation left a first gap's jitter (up to 7 ms) in the interval for
    // good, 0.3 bits per sample more on scraped data (PackedBitsProbe)
    return interval + (int) Math.floorDiv(off + 4, 8);
  }

  private static int gapBits(long code) {
    return codeBits(code, GAP_A, GAP_B, GAP_C, GAP_D);
  }

  private static int stepBits(long code) {
    return codeBits(code, STEP_A, STEP_B, STEP_C, STEP_D);
  }

  private void writeGap(long code) {
    writeCode(code, GAP_A, GAP_B, GAP_C, GAP_D);
  }

  private void writeStep(long code) {
    writeCode(code, STEP_A, STEP_B, STEP_C, STEP_D);
  }

  /**
   * The bits {@link #writeCode} takes for {@code v} with payloads {@code a..d}: {@code 0} for 0,
   * else a prefix of k ones and a 0 (k = 1..4, or five ones for 64 raw bits) and a sign bit and the
   * magnitude less the bucket's smallest in the rest of the bucket's payload. The buckets do not
   * overlap: payload {@code a} holds ±1..±2^(a-1), {@code b} the 2^(b-1) magnitudes after those.
   */
  private static int codeBits(long v, int a, int b, int c, int d) {
    if (v == 0) {
      return 1;
    }
    long m = v < 0 ? -v : v; // Long.MIN_VALUE stays negative: the raw bucket
    long lo = 1;
    if (m >= lo && m - lo < 1L << (a - 1)) {
      return 2 + a;
    }
    lo += 1L << (a - 1);
    if (m >= lo && m - lo < 1L << (b - 1)) {
      return 3 + b;
    }
    lo += 1L << (b - 1);
    if (m >= lo && m - lo < 1L << (c - 1)) {
      return 4 + c;
    }
    lo += 1L << (c - 1);
    if (m >= lo && m - lo < 1L << (d - 1)) {
      return 5 + d;
    }
    return 5 + 64;
  }

  /** Writes {@code v} as {@link #codeBits} describes. */
  private void writeCode(long v, int a, int b, int c, int d) {
    int n = codeBits(v, a, b, c, d);
    if (n == 1) {
      write(0, 1);
      return;
    }
    if (n == 5 + 64) {
      write(0b11111, 5);
      write(v, 64);
      return;
    }
    long m = v < 0 ? -v : v;
    long sign = v < 0 ? 1 : 0;
    long lo = 1;
    if (n == 2 + a) {
      write(0b10, 2);
      write(sign << (a - 1) | (m - lo), a);
      return;
    }
    lo += 1L << (a - 1);
    if (n == 3 + b) {
      write(0b110, 3);
      write(sign << (b - 1) | (m - lo), b);
      return;
    }
    lo += 1L << (b - 1);
    if (n == 4 + c) {
      write(0b1110, 4);
      write(sign << (c - 1) | (m - lo), c);
      return;
    }
    lo += 1L << (c - 1);
    write(0b11110, 5);
    write(sign << (d - 1) | (m - lo), d);
  }

  /** Drops the samples at or before {@code cutoff}; returns how many. */
  int evictUpTo(long cutoff) {
    int dropped = 0;
    if (size == 0 || firstTime > cutoff) {
      return 0;
    }
    Decoder d = DECODERS.get()[0];
    d.start(this);
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
    firstTime = d.time;
    firstValue = d.value;
    firstInterval = d.interval;
    firstStep = (int) d.step;
    firstScale = (byte) d.scale;
    firstLeading = (byte) d.leading;
    firstTrailing = (byte) d.trailing;
    readPos = d.pos;
    if (cursorPos >= 0 && cursorTime <= cutoff) {
      cursorPos = -1;
    }
    fit();
    return dropped;
  }

  private void clear() {
    bits = new long[WORDS + 1];
    readPos = writePos = START;
    size = 0;
    cursorPos = -1;
  }

  /**
   * Decodes every held sample in (minExclusive, maxInclusive] into {@code ts}/{@code vs} from index
   * 0 (each at least {@link #size()} long); returns how many. Starts at the read cursor when it is
   * at or before {@code minExclusive}, else at the oldest sample, and moves the cursor on to the
   * last sample at or before {@code minExclusive} when that is later than the cursor (never back: a
   * rule reading further back, an {@code offset}, would otherwise take it from the rule reading the
   * newest samples at every evaluation).
   */
  int decode(long minExclusive, long maxInclusive, long[] ts, double[] vs) {
    if (size == 0 || firstTime > maxInclusive) {
      return 0;
    }
    Decoder[] decoders = DECODERS.get();
    Decoder d = decoders[0];
    if (cursorPos >= 0 && cursorTime <= minExclusive) {
      d.startAtCursor(this);
    } else {
      d.start(this);
    }
    long[] b = bits;
    int end = writePos;
    if (d.time <= minExclusive) {
      // the samples at or before the window: the state at the last of them becomes the cursor
      Decoder last = decoders[1];
      do {
        last.copy(d);
        if (d.pos == end) {
          moveCursor(last);
          return 0;
        }
        d.next(b);
      } while (d.time <= minExclusive);
      moveCursor(last);
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
  private void moveCursor(Decoder d) {
    if (cursorPos >= 0 && d.time <= cursorTime) {
      return;
    }
    cursorPos = d.pos;
    cursorTime = d.time;
    cursorValue = d.value;
    cursorInterval = d.interval;
    cursorStep = (int) d.step;
    cursorScale = (byte) d.scale;
    cursorLeading = (byte) d.leading;
    cursorTrailing = (byte) d.trailing;
  }

  /** Words from the read position's word to the write position's. */
  private int liveWords() {
    return ((writePos + 63) >>> 6) - (readPos >>> 6);
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
    if (writePos + n <= bits.length << 6) {
      return;
    }
    int capacity = bits.length - WORDS;
    int needed = (writePos - (readPos & ~63) + n + 63) >>> 6;
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
    int from = readPos >>> 6;
    int live = liveWords();
    int length = WORDS + words;
    long[] next = length == bits.length ? bits : new long[length];
    System.arraycopy(bits, from, next, WORDS, live);
    if (next == bits) {
      java.util.Arrays.fill(bits, WORDS + live, Math.min(bits.length, from + live), 0L);
    }
    bits = next;
    int shift = (from - WORDS) << 6;
    readPos -= shift;
    writePos -= shift;
    if (cursorPos >= 0) {
      cursorPos -= shift;
    }
  }

  /** Writes the low {@code n} bits of {@code value} (0..64), most significant first. */
  private void write(long value, int n) {
    if (n == 0) {
      return;
    }
    int word = writePos >>> 6;
    int used = writePos & 63;
    long v = n == 64 ? value : value & ((1L << n) - 1);
    int free = 64 - used;
    if (n <= free) {
      bits[word] |= v << (free - n);
    } else {
      bits[word] |= v >>> (n - free);
      bits[word + 1] |= v << (64 - (n - free));
    }
    writePos += n;
  }

  /**
   * Reads samples on from the oldest: its state after {@link #start}, then one per {@link #next}.
   */
  static final class Decoder {
    long time;
    long value;
    int interval;
    long step;
    int scale;
    int leading;
    int trailing;
    int pos;

    void start(PackedSamples s) {
      time = s.firstTime;
      value = s.firstValue;
      interval = s.firstInterval;
      step = s.firstStep;
      scale = s.firstScale;
      leading = s.firstLeading;
      trailing = s.firstTrailing;
      pos = s.readPos;
    }

    void startAtCursor(PackedSamples s) {
      time = s.cursorTime;
      value = s.cursorValue;
      interval = s.cursorInterval;
      step = s.cursorStep;
      scale = s.cursorScale;
      leading = s.cursorLeading;
      trailing = s.cursorTrailing;
      pos = s.cursorPos;
    }

    void copy(Decoder d) {
      time = d.time;
      value = d.value;
      interval = d.interval;
      step = d.step;
      scale = d.scale;
      leading = d.leading;
      trailing = d.trailing;
      pos = d.pos;
    }

    void next(long[] b) {
      long gap = interval + code(b, GAP_A, GAP_B, GAP_C, GAP_D);
      time += gap;
      interval = interval(interval, gap);
      // the value code's prefix from one look at the next 64 bits: 0, 10, 110 or 111
      long w = peek(b);
      if (w >= 0) {
        pos++;
        step = 0;
      } else if (w << 1 >= 0) {
        int k = (int) (w << 2 >>> 62);
        pos += 4;
        long change = (k == scale ? step : 0) + code(b, STEP_A, STEP_B, STEP_C, STEP_D);
        step = clamp(change);
        scale = k;
        double units = SCALES[k];
        long previous = Math.round(Double.longBitsToDouble(value) * units);
        value = Double.doubleToRawLongBits((previous + change) / units);
      } else {
        step = 0;
        pos += 3;
        if (w << 2 < 0) {
          leading = (int) (w << 3 >>> 59);
          int significant = (int) (w << 8 >>> 58);
          pos += 11;
          if (significant == 0) {
            significant = 64;
          }
          trailing = 64 - leading - significant;
        }
        int significant = 64 - leading - trailing;
        value ^= read(b, significant) << trailing;
      }
    }

    /** A value in {@link PackedSamples#writeCode}'s code: its prefix and payload from one look. */
    private long code(long[] b, int pa, int pb, int pc, int pd) {
      long w = peek(b);
      if (w >= 0) {
        pos++;
        return 0;
      } else if (w << 1 >= 0) {
        return payload(w << 2, 2, pa, 1);
      } else if (w << 2 >= 0) {
        return payload(w << 3, 3, pb, 1 + (1L << (pa - 1)));
      } else if (w << 3 >= 0) {
        return payload(w << 4, 4, pc, 1 + (1L << (pa - 1)) + (1L << (pb - 1)));
      } else if (w << 4 >= 0) {
        return payload(w << 5, 5, pd, 1 + (1L << (pa - 1)) + (1L << (pb - 1)) + (1L << (pc - 1)));
      }
      pos += 5;
      return read(b, 64);
    }

    /**
     * A bucket's value from its payload at the top of {@code top}: the sign bit, then the magnitude
     * less {@code lo} in the other {@code n - 1} bits.
     */
    private long payload(long top, int prefix, int n, long lo) {
      pos += prefix + n;
      long m = lo + (n == 1 ? 0 : top << 1 >>> (65 - n));
      return top < 0 ? -m : m;
    }

    /** The 64 bits from the read position on, zeros past the end of the array. */
    private long peek(long[] b) {
      int word = pos >>> 6;
      int used = pos & 63;
      long w = b[word] << used;
      if (used != 0 && word + 1 < b.length) {
        w |= b[word + 1] >>> (64 - used);
      }
      return w;
    }

    /** A value written as its low {@code n} bits, in [-(2^(n-1) - 1), 2^(n-1)]. */
    private static long signed(long v, int n) {
      return v > (1L << (n - 1)) ? v - (1L << n) : v;
    }

    private long read(long[] b, int n) {
      int word = pos >>> 6;
      int used = pos & 63;
      pos += n;
      int free = 64 - used;
      long v;
      if (n <= free) {
        v = b[word] << used;
        // n bits now at the top of v
        return n == 64 ? v : v >>> (64 - n);
      }
      long high = b[word] << used; // free bits at the top
      long low = b[word + 1] >>> free; // the next word's bits below them
      v = high | low;
      return v >>> (64 - n);
    }
  }
}
