package dev.alerting.promql.storage;

/**
 * One series' float samples, time-ordered, compressed as Gorilla (and Prometheus's XOR chunks)
 * compress them: a timestamp as the delta of its delta to the previous one, a value as the XOR of
 * its bits with the previous value's, both bit-packed in one {@code long[]} stream.
 *
 * <p>The window slides: samples are appended at the new end and evicted at the old end, so the
 * stream has a <em>re-based start</em> rather than blocks. The oldest held sample is kept decoded
 * in fields together with the decoder state after it (its delta, the XOR window); the stream holds
 * the samples after it, each encoded against its predecessor. Evicting the oldest sample decodes
 * the next one into those fields and moves the read position past it: O(1) per evicted sample, no
 * block header per N samples and no dead samples held after they leave the window (their bits stay
 * at the front until the next compaction, a word copy of the live part when the array is full, or
 * until the array is fitted after an eviction). The newest sample and the encoder state are fields
 * too, so appends and a threshold rule's read of the newest sample decode nothing. A window read
 * decodes from the oldest held sample: range functions pay that decoding, which is why compression
 * is a store setting, not the default.
 *
 * <p>Only in-order appends: a late or replacing sample, or a native histogram, is stored by the
 * caller ({@link SeriesBuffer}) after unpacking to its uncompressed ring. Values are raw double
 * bits, so NaN payloads (stale markers), -0.0 and infinities come back bit-exact.
 *
 * <p>Timestamp codes (dod = delta of delta, ms): {@code 0} for 0; {@code 10} + 4 bits for [-7, 8];
 * {@code 110} + 8 bits for [-127, 128]; {@code 1110} + 20 bits for [-524 287, 524 288]; {@code
 * 1111} + 64 bits otherwise (the first buckets are finer than Gorilla's, for scrape jitter of a few
 * ms). Value codes: {@code 0} the same bits as the previous value; {@code 10} + 2 bits scale k + a
 * delta of deltas in the timestamp codes, when this and the previous value are whole numbers of
 * 10^-k units (k = 0..3, below 2^53 units) whose doubles are exactly what {@code units / 10^k}
 * gives, as parsing an exporter's decimal text gives them: a counter growing by about the same
 * count per scrape then costs 5 to 10 bits where the XOR of its doubles costs 15 to 25, a value in
 * hundredths 10 to 15 instead of 40 to 50 (the step, in units, is the previous value's change when
 * its code was this one at the same scale, else 0); chosen only when shorter than the XOR code.
 * {@code 11} + Gorilla's XOR code: {@code 0} + the meaningful bits in the previous window, or
 * {@code 1} + 5 bits leading zeros + 6 bits length (0 = 64) + the bits. The encoder checks that the
 * decoder's arithmetic gives the value's exact bits before it uses the integer code.
 */
final class PackedSamples {
  /** The longest encoding of one sample: 4 + 64 time bits, 2 + 1 + 5 + 6 + 64 value bits. */
  private static final int MAX_SAMPLE_BITS = 146;

  /** Whole numbers up to this magnitude are exact doubles: their differences are exact too. */
  private static final long MAX_EXACT = 1L << 53;

  /**
   * The decimal scales of the integer code: values in whole, tenth, hundredth, thousandth units.
   */
  private static final double[] SCALES = {1, 10, 100, 1000};

  private long[] bits = new long[2];
  // [readPos, writePos): the samples after the oldest, in bits (position 0 = MSB of bits[0])
  private int readPos;
  private int writePos;
  private int size;
  // the oldest sample and the decoder state after it
  private long firstTime;
  private long firstValue;
  private long firstDelta;
  private long firstStep;
  private byte firstScale;
  private byte firstLeading = -1;
  private byte firstTrailing;
  // the newest sample and the encoder state after it
  private byte lastLeading = -1;
  private byte lastTrailing;
  private long lastTime;
  private long lastValue;
  private long lastDelta;
  // the previous whole-number value step, for the integer code (0 after any other code)
  private long lastStep;
  private byte lastScale;

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

  /** Bytes of the bit stream in use (the held samples after the oldest), for tests and reports. */
  int streamBytes() {
    return (writePos - readPos + 7) >>> 3;
  }

  /** Appends a sample newer than {@link #newestTime()} (or the first). */
  void append(long t, double value) {
    long v = Double.doubleToRawLongBits(value);
    if (size == 0) {
      firstTime = lastTime = t;
      firstValue = lastValue = v;
      firstDelta = lastDelta = 0;
      firstStep = lastStep = 0;
      firstScale = lastScale = 0;
      firstLeading = lastLeading = -1;
      firstTrailing = lastTrailing = 0;
      readPos = writePos = 0;
      size = 1;
      return;
    }
    if (writePos + MAX_SAMPLE_BITS > bits.length << 6) {
      makeRoom();
    }
    long delta = t - lastTime;
    writeDod(delta - lastDelta);
    long x = v ^ lastValue;
    if (x == 0) {
      write(0, 1);
      lastStep = 0;
    } else {
      int leading = Math.min(31, Long.numberOfLeadingZeros(x));
      int trailing = Long.numberOfTrailingZeros(x);
      boolean inWindow = lastLeading >= 0 && leading >= lastLeading && trailing >= lastTrailing;
      int xorBits =
          inWindow ? 1 + 64 - lastLeading - lastTrailing : 1 + 5 + 6 + 64 - leading - trailing;
      double current = Double.longBitsToDouble(v);
      double before = Double.longBitsToDouble(lastValue);
      int scale = -1;
      long step = 0;
      for (int k = 0; k < SCALES.length; k++) {
        long units = Math.round(current * SCALES[k]);
        long previous = Math.round(before * SCALES[k]);
        if (exact(units, v, k) && exact(previous, lastValue, k)) {
          scale = k;
          step = units - previous;
          break;
        }
      }
      long dod = step - (scale == lastScale ? lastStep : 0);
      if (scale >= 0 && 2 + dodBits(dod) < xorBits) {
        write(0b10, 2);
        write(scale, 2);
        writeDod(dod);
        lastStep = step;
        lastScale = (byte) scale;
      } else {
        write(0b11, 2);
        lastStep = 0;
        if (inWindow) {
          write(0, 1);
          write(x >>> lastTrailing, 64 - lastLeading - lastTrailing);
        } else {
          int significant = 64 - leading - trailing;
          write(1, 1);
          write(leading, 5);
          write(significant & 63, 6);
          write(x >>> trailing, significant);
          lastLeading = (byte) leading;
          lastTrailing = (byte) trailing;
        }
      }
    }
    lastTime = t;
    lastValue = v;
    lastDelta = delta;
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

  /** The bits {@link #writeDod} takes for {@code dod}. */
  private static int dodBits(long dod) {
    if (dod == 0) {
      return 1;
    } else if (dod >= -7 && dod <= 8) {
      return 6;
    } else if (dod >= -127 && dod <= 128) {
      return 11;
    } else if (dod >= -524_287 && dod <= 524_288) {
      return 24;
    }
    return 68;
  }

  /** A delta of deltas, in the timestamp codes (also the integer value code's step change). */
  private void writeDod(long dod) {
    if (dod == 0) {
      write(0, 1);
    } else if (dod >= -7 && dod <= 8) {
      write(0b10, 2);
      write(dod & 0xF, 4);
    } else if (dod >= -127 && dod <= 128) {
      write(0b110, 3);
      write(dod & 0xFF, 8);
    } else if (dod >= -524_287 && dod <= 524_288) {
      write(0b1110, 4);
      write(dod & 0xFFFFF, 20);
    } else {
      write(0b1111, 4);
      write(dod, 64);
    }
  }

  /** Drops the samples at or before {@code cutoff}; returns how many. */
  int evictUpTo(long cutoff) {
    int dropped = 0;
    if (size == 0 || firstTime > cutoff) {
      return 0;
    }
    Decoder d = new Decoder();
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
    firstDelta = d.delta;
    firstStep = d.step;
    firstScale = (byte) d.scale;
    firstLeading = (byte) d.leading;
    firstTrailing = (byte) d.trailing;
    readPos = d.pos;
    fit();
    return dropped;
  }

  private void clear() {
    bits = new long[2];
    readPos = writePos = 0;
    size = 0;
  }

  /**
   * Decodes every held sample in (minExclusive, maxInclusive] into {@code ts}/{@code vs} from index
   * 0 (each at least {@link #size()} long); returns how many.
   */
  int decode(long minExclusive, long maxInclusive, long[] ts, double[] vs) {
    if (size == 0) {
      return 0;
    }
    Decoder d = new Decoder();
    d.start(this);
    int n = 0;
    long[] b = bits;
    for (int i = 0; ; ) {
      long t = d.time;
      if (t > maxInclusive) {
        break;
      }
      if (t > minExclusive) {
        ts[n] = t;
        vs[n] = Double.longBitsToDouble(d.value);
        n++;
      }
      if (++i == size) {
        break;
      }
      d.next(b);
    }
    return n;
  }

  /** Words from the read position's word to the write position's. */
  private int liveWords() {
    return ((writePos + 63) >>> 6) - (readPos >>> 6);
  }

  /**
   * Before an append that may not fit: moves the live words to the front, or grows by a quarter.
   */
  private void makeRoom() {
    int live = liveWords();
    int needed = live + 3; // MAX_SAMPLE_BITS spans at most 3 more words
    int length = needed + (needed >> 3) <= bits.length ? bits.length : needed + (needed >> 2) + 1;
    moveTo(length);
  }

  /** After an eviction: an array more than 1/8 (at least 4 words) above its fit is fitted. */
  private void fit() {
    int live = liveWords();
    int fitted = live + 3 + (live >> 4);
    if (bits.length - fitted > Math.max(4, fitted >> 3)) {
      moveTo(fitted);
    }
  }

  /** Copies the live words to the start of an array of {@code length} words (this one if equal). */
  private void moveTo(int length) {
    int from = readPos >>> 6;
    int live = liveWords();
    long[] next = length == bits.length ? bits : new long[length];
    System.arraycopy(bits, from, next, 0, live);
    if (next == bits) {
      java.util.Arrays.fill(bits, live, Math.min(bits.length, from + live), 0L);
    }
    bits = next;
    readPos -= from << 6;
    writePos -= from << 6;
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
    long delta;
    long step;
    int scale;
    int leading;
    int trailing;
    int pos;

    void start(PackedSamples s) {
      time = s.firstTime;
      value = s.firstValue;
      delta = s.firstDelta;
      step = s.firstStep;
      scale = s.firstScale;
      leading = s.firstLeading;
      trailing = s.firstTrailing;
      pos = s.readPos;
    }

    void next(long[] b) {
      delta += dod(b);
      time += delta;
      if (read(b, 1) == 0) {
        step = 0;
      } else if (read(b, 1) == 0) {
        int k = (int) read(b, 2);
        step = (k == scale ? step : 0) + dod(b);
        scale = k;
        double units = SCALES[k];
        long previous = Math.round(Double.longBitsToDouble(value) * units);
        value = Double.doubleToRawLongBits((previous + step) / units);
      } else {
        step = 0;
        if (read(b, 1) != 0) {
          leading = (int) read(b, 5);
          int significant = (int) read(b, 6);
          if (significant == 0) {
            significant = 64;
          }
          trailing = 64 - leading - significant;
        }
        int significant = 64 - leading - trailing;
        value ^= read(b, significant) << trailing;
      }
    }

    private long dod(long[] b) {
      if (read(b, 1) == 0) {
        return 0;
      } else if (read(b, 1) == 0) {
        return signed(read(b, 4), 4);
      } else if (read(b, 1) == 0) {
        return signed(read(b, 8), 8);
      } else if (read(b, 1) == 0) {
        return signed(read(b, 20), 20);
      }
      return read(b, 64);
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
