package dev.alerting.promql.storage;

import static dev.alerting.promql.storage.PackedHeader.high;
import static dev.alerting.promql.storage.PackedHeader.low;
import static dev.alerting.promql.storage.PackedHeader.pair;
import static dev.alerting.promql.storage.PackedHeader.state;
import static dev.alerting.promql.storage.PackedHeader.withState;

/**
 * A position in a compressed series' bit stream and the coder state there: the sample just before
 * it and what the next sample's codes are taken against (the sticky interval, the integer code's
 * step and scale, the XOR window). The window's oldest sample, its newest (the encoder's state) and
 * the read cursor are each one, kept in the series' header words ({@link PackedHeader}); a decoder
 * is one too, started at the oldest or the cursor and moved on one sample per {@link #next}.
 *
 * <p>Reads advance {@link #pos} from a decoder's position and writes from the newest sample's, so
 * the bit-level access to the stream is here too, most significant bit first, position 0 the MSB of
 * the array's first word.
 */
final class PackedPoint {
  long time;
  // the sample's raw double bits
  long value;
  // the sticky interval the next gap is coded against (0 before the first gap)
  int interval;
  // the previous whole-number value step, for the integer code (0 after any other code)
  int step;
  int scale;
  // the XOR window: leading and trailing zeros (leading -1: none yet)
  int leading = -1;
  int trailing;
  // in bits: the next sample's codes start here
  int pos;

  /** Takes {@code p}'s state. */
  void copy(PackedPoint p) {
    time = p.time;
    value = p.value;
    interval = p.interval;
    step = p.step;
    scale = p.scale;
    leading = p.leading;
    trailing = p.trailing;
    pos = p.pos;
  }

  /** Decodes the next sample: its gap, then its value. */
  void next(long[] b) {
    long gap = interval + TimeCode.read(this, b);
    time += gap;
    interval = TimeCode.interval(interval, gap);
    ValueCode.read(this, b);
  }

  /**
   * Loads the state but the position from a header: time, value and steps in the three words from
   * {@code at}, the small states at {@code index} in {@code states}.
   */
  void load(long[] a, int at, long states, int index) {
    time = a[at];
    value = a[at + 1];
    long w = a[at + 2];
    interval = high(w);
    step = low(w);
    scale = state(states, index);
    leading = state(states, index + 1);
    trailing = state(states, index + 2);
  }

  /** Stores what {@link #load} loads; returns {@code states} with this point's small states. */
  long store(long[] a, int at, long states, int index) {
    a[at] = time;
    a[at + 1] = value;
    a[at + 2] = pair(interval, step);
    long w = withState(states, index, scale);
    w = withState(w, index + 1, leading);
    return withState(w, index + 2, trailing);
  }

  /**
   * An interval or value step as it is kept for the next sample's code: in an int, clamped, by the
   * encoder and the decoder alike (a gap of over 24 days or a step of over 2^31 units costs the
   * next sample a longer code, not a wrong one): 24 bytes less per series.
   */
  static int clamp(long v) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  /** Writes the low {@code n} bits of {@code value} (0..64), most significant first. */
  void write(long[] b, long value, int n) {
    if (n == 0) {
      return;
    }
    int word = pos >>> 6;
    int used = pos & 63;
    long v = n == 64 ? value : value & ((1L << n) - 1);
    int free = 64 - used;
    if (n <= free) {
      b[word] |= v << (free - n);
    } else {
      b[word] |= v >>> (n - free);
      b[word + 1] |= v << (64 - (n - free));
    }
    pos += n;
  }

  /** The 64 bits from the position on, zeros past the end of the array. */
  long peek(long[] b) {
    int word = pos >>> 6;
    int used = pos & 63;
    long w = b[word] << used;
    if (used != 0 && word + 1 < b.length) {
      w |= b[word + 1] >>> (64 - used);
    }
    return w;
  }

  /** Reads {@code n} bits (1..64) as an unsigned value. */
  long read(long[] b, int n) {
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
