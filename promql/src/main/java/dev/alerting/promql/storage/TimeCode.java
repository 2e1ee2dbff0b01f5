package dev.alerting.promql.storage;

/**
 * The timestamp code: a gap (ms) less the series' sticky interval ({@link #interval}), which
 * follows the scrape interval but not the jitter around it, so a scrape a few ms off the grid costs
 * its own offset once and not the difference of two offsets twice, as a delta of deltas does. In
 * the {@link BucketCode}: {@code 0} for 0; {@code 10} + 3 bits for ±1..±4; {@code 110} + 5 bits for
 * ±5..±20; {@code 1110} + 8 bits for ±21..±148; {@code 11110} + 20 bits for ±149..±524 436; {@code
 * 11111} + 64 bits otherwise.
 */
final class TimeCode {
  // The gap code's payload widths (bits with the sign): ±1..±4, ±5..±20, ±21..±148, ±149..±524 436.
  private static final int GAP_A = 3;
  private static final int GAP_B = 5;
  private static final int GAP_C = 8;
  private static final int GAP_D = 20;

  /** A gap this far (ms) or further off the interval resets the interval to the gap. */
  private static final int RESET_MS = 128;

  private TimeCode() {}

  /** The bits a gap {@code code} (the gap less the interval) takes. */
  static int bits(long code) {
    return BucketCode.bits(code, GAP_A, GAP_B, GAP_C, GAP_D);
  }

  /** Writes a gap {@code code} at {@code p}'s position. */
  static void write(PackedPoint p, long[] b, long code) {
    BucketCode.write(p, b, code, GAP_A, GAP_B, GAP_C, GAP_D);
  }

  /** Reads a gap code at {@code p}'s position: the gap less {@code p}'s interval. */
  static long read(PackedPoint p, long[] b) {
    return BucketCode.read(p, b, GAP_A, GAP_B, GAP_C, GAP_D);
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
      return PackedPoint.clamp(gap);
    }
    // rounded, not truncated: truncation left a first gap's jitter (up to 7 ms) in the interval for
    // good, 0.3 bits per sample more on scraped data (PackedBitsProbe)
    return interval + (int) Math.floorDiv(off + 4, 8);
  }
}
