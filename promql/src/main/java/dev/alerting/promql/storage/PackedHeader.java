package dev.alerting.promql.storage;

/**
 * Where a compressed series keeps its coder state: in {@link #WORDS} words at the start of its own
 * {@code long[]}, before the bit stream. A series is then its {@link SeriesBuffer} and one array,
 * not also a state object (its header and the reference to it) per series; {@link PackedSamples}
 * loads these words into a per-thread coder for an append, an eviction or a window read, and the
 * accessors below read the newest sample and the counts straight from them.
 *
 * <p>Bit positions are absolute in the array, so the stream's first position is {@link #START}. Two
 * ints share a word where they are read together; the nine small XOR-window and scale states (each
 * in [-64, 63]) share one word, 7 bits each. Each of the three {@link PackedPoint}s (the oldest
 * sample, the newest, the read cursor) has its time, value and steps in three consecutive words,
 * which {@link PackedPoint#load} relies on.
 */
final class PackedHeader {
  /** The read position (high int) and the write position (low int), in bits. */
  static final int POSITIONS = 0;

  /** The sample count (high int) and the read cursor's position, -1 for none (low int). */
  static final int COUNTS = 1;

  static final int FIRST_TIME = 2;
  static final int FIRST_VALUE = 3;

  /** The delta (high int) and the integer code's step (low int) after the oldest sample. */
  static final int FIRST_STEPS = 4;

  static final int LAST_TIME = 5;
  static final int LAST_VALUE = 6;

  /** As {@link #FIRST_STEPS} after the newest sample. */
  static final int LAST_STEPS = 7;

  static final int CURSOR_TIME = 8;
  static final int CURSOR_VALUE = 9;

  /** As {@link #FIRST_STEPS} at the read cursor. */
  static final int CURSOR_STEPS = 10;

  /**
   * Scale, leading and trailing zeros of the oldest sample, the newest and the cursor: 9 x 7 bits.
   */
  static final int STATES = 11;

  static final int WORDS = 12;

  /** The first bit position of the stream. */
  static final int START = WORDS << 6;

  private PackedHeader() {}

  static int size(long[] a) {
    return high(a[COUNTS]);
  }

  static long oldestTime(long[] a) {
    return a[FIRST_TIME];
  }

  static long newestTime(long[] a) {
    return a[LAST_TIME];
  }

  static double newestValue(long[] a) {
    return Double.longBitsToDouble(a[LAST_VALUE]);
  }

  /** Bytes of the bit stream in use (the held samples after the oldest), for tests and reports. */
  static int streamBytes(long[] a) {
    long p = a[POSITIONS];
    return (low(p) - high(p) + 7) >>> 3;
  }

  static long pair(int high, int low) {
    return (long) high << 32 | (low & 0xFFFF_FFFFL);
  }

  static int high(long word) {
    return (int) (word >> 32);
  }

  static int low(long word) {
    return (int) word;
  }

  /** {@code word} with the 7-bit state at {@code index} (0..8) set to {@code v}. */
  static long withState(long word, int index, int v) {
    int shift = 7 * index;
    return word & ~(0x7FL << shift) | (long) (v & 0x7F) << shift;
  }

  /** The 7-bit state at {@code index} (0..8), sign-extended. */
  static byte state(long word, int index) {
    return (byte) ((int) (word >>> (7 * index)) << 25 >> 25);
  }
}
