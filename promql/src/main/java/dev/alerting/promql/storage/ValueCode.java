package dev.alerting.promql.storage;

/**
 * The value code, a sample's value against the previous one's: {@code 0} the same bits as the
 * previous value; {@code 10} + 2 bits scale k + the change of the step in the step code (a {@link
 * BucketCode}: {@code 0}; {@code 10} + 1 bit ±1; {@code 110} + 4 bits ±2..±9; {@code 1110} + 8;
 * {@code 11110} + 20; {@code 11111} + 64), when this and the previous value are whole numbers of
 * 10^-k units (k = 0..3, below 2^53 units) whose doubles are exactly what {@code units / 10^k}
 * gives, as parsing an exporter's decimal text gives them: a counter growing by about the same
 * count per scrape then costs 5 to 10 bits where the XOR of its doubles costs 15 to 25, a value in
 * hundredths 10 to 15 instead of 40 to 50 (the step, in units, is the previous value's change when
 * its code was this one at the same scale, else 0); chosen only when shorter than the XOR code.
 * {@code 11} + Gorilla's XOR code: {@code 0} + the meaningful bits in the previous window, or
 * {@code 1} + 5 bits leading zeros + 6 bits length (0 = 64) + the bits. The encoder checks that the
 * decoder's arithmetic gives the value's exact bits before it uses the integer code.
 *
 * <p>An instance is an encoder's pending code: {@link #choose} picks the code and says its length
 * (so the stream can make room), {@link #write} writes it.
 */
final class ValueCode {
  /** Whole numbers up to this magnitude are exact doubles: their differences are exact too. */
  private static final long MAX_EXACT = 1L << 53;

  /**
   * The decimal scales of the integer code: values in whole, tenth, hundredth, thousandth units.
   */
  private static final double[] SCALES = {1, 10, 100, 1000};

  // The integer value code's step-change widths: ±1, ±2..±9, ±10..±137, ±138..±524 425.
  private static final int STEP_A = 1;
  private static final int STEP_B = 4;
  private static final int STEP_C = 8;
  private static final int STEP_D = 20;

  private static final int SAME = 0;
  private static final int INTEGER = 1;
  private static final int XOR_IN_WINDOW = 2;
  private static final int XOR_NEW_WINDOW = 3;

  // the pending code and what writing it takes
  private int code;
  private long x;
  private int leading;
  private int trailing;
  private int scale;
  private long step;
  private long change;

  /** Chooses the code of value bits {@code v} after {@code last}; returns its length in bits. */
  int choose(PackedPoint last, long v) {
    x = v ^ last.value;
    if (x == 0) {
      code = SAME;
      return 1;
    }
    leading = Math.min(31, Long.numberOfLeadingZeros(x));
    trailing = Long.numberOfTrailingZeros(x);
    boolean inWindow = last.leading >= 0 && leading >= last.leading && trailing >= last.trailing;
    int xorBits =
        inWindow ? 1 + 64 - last.leading - last.trailing : 1 + 5 + 6 + 64 - leading - trailing;
    double current = Double.longBitsToDouble(v);
    double before = Double.longBitsToDouble(last.value);
    scale = -1;
    step = 0;
    for (int k = 0; k < SCALES.length; k++) {
      long units = Math.round(current * SCALES[k]);
      long previous = Math.round(before * SCALES[k]);
      if (exact(units, v, k) && exact(previous, last.value, k)) {
        scale = k;
        step = units - previous;
        break;
      }
    }
    change = step - (scale == last.scale ? last.step : 0);
    int stepBits = BucketCode.bits(change, STEP_A, STEP_B, STEP_C, STEP_D);
    if (scale >= 0 && 2 + stepBits < xorBits) {
      code = INTEGER;
      return 2 + 2 + stepBits;
    }
    code = inWindow ? XOR_IN_WINDOW : XOR_NEW_WINDOW;
    return 2 + xorBits;
  }

  /**
   * Writes the code {@link #choose} chose at {@code last}'s position and moves {@code last}'s
   * integer step and XOR window on (its value is the caller's to set).
   */
  void write(PackedPoint last, long[] b) {
    switch (code) {
      case SAME -> {
        last.write(b, 0, 1);
        last.step = 0;
      }
      case INTEGER -> {
        last.write(b, 0b10, 2);
        last.write(b, scale, 2);
        BucketCode.write(last, b, change, STEP_A, STEP_B, STEP_C, STEP_D);
        last.step = PackedPoint.clamp(step);
        last.scale = scale;
      }
      case XOR_IN_WINDOW -> {
        last.write(b, 0b110, 3);
        last.write(b, x >>> last.trailing, 64 - last.leading - last.trailing);
        last.step = 0;
      }
      default -> {
        int significant = 64 - leading - trailing;
        last.write(b, 0b111, 3);
        last.write(b, leading, 5);
        last.write(b, significant & 63, 6);
        last.write(b, x >>> trailing, significant);
        last.leading = leading;
        last.trailing = trailing;
        last.step = 0;
      }
    }
  }

  /**
   * Decodes the value at {@code p}'s position into {@code p} (its gap read): the value code's
   * prefix from one look at the next 64 bits, 0, 10, 110 or 111.
   */
  static void read(PackedPoint p, long[] b) {
    long w = p.peek(b);
    if (w >= 0) {
      p.pos++;
      p.step = 0;
    } else if (w << 1 >= 0) {
      int k = (int) (w << 2 >>> 62);
      p.pos += 4;
      long change =
          (k == p.scale ? p.step : 0) + BucketCode.read(p, b, STEP_A, STEP_B, STEP_C, STEP_D);
      p.step = PackedPoint.clamp(change);
      p.scale = k;
      double units = SCALES[k];
      long previous = Math.round(Double.longBitsToDouble(p.value) * units);
      p.value = Double.doubleToRawLongBits((previous + change) / units);
    } else {
      p.step = 0;
      p.pos += 3;
      if (w << 2 < 0) {
        p.leading = (int) (w << 3 >>> 59);
        int significant = (int) (w << 8 >>> 58);
        p.pos += 11;
        if (significant == 0) {
          significant = 64;
        }
        p.trailing = 64 - p.leading - significant;
      }
      int significant = 64 - p.leading - p.trailing;
      p.value ^= p.read(b, significant) << p.trailing;
    }
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
}
