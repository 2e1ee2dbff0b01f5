package dev.alerting.ingest.sample;

/**
 * Numbers read straight from the bytes of a line, without a string, for the plain spellings only:
 * each method answers a sentinel for anything else, which the caller reads the careful way. The
 * results are exactly those of {@link Long#parseLong} and {@link Double#parseDouble}: integers of
 * at most 18 digits cannot overflow, and a decimal of at most 15 digits without exponent is an
 * exact integer divided by an exact power of ten, which IEEE division rounds correctly.
 */
public final class PlainNumbers {
  /** What {@link #integer} answers for anything but a plain integer. */
  public static final long NOT_PLAIN = Long.MIN_VALUE;

  private static final int MAX_INTEGER_DIGITS = 18;
  private static final int MAX_DECIMAL_DIGITS = 15;
  private static final double[] POWERS_OF_TEN = new double[MAX_DECIMAL_DIGITS + 1];

  static {
    double p = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = p;
      p *= 10;
    }
  }

  private PlainNumbers() {}

  /**
   * {@code b[from, to)} as an integer: an optional sign ({@code '-'}, and {@code '+'} when {@code
   * plus}) and 1 to 18 digits; {@link #NOT_PLAIN} otherwise.
   */
  public static long integer(byte[] b, int from, int to, boolean plus) {
    boolean negative = false;
    if (from < to && (b[from] == '-' || (plus && b[from] == '+'))) {
      negative = b[from] == '-';
      from++;
    }
    if (from == to || to - from > MAX_INTEGER_DIGITS) {
      return NOT_PLAIN;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return NOT_PLAIN;
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  /**
   * {@code b[from, to)} as a decimal {@code [+-]?(\d+\.?\d*|\.\d+)} of at most 15 digits; NaN
   * (which no decimal is) otherwise, exponents included.
   */
  public static double decimal(byte[] b, int from, int to) {
    boolean negative = false;
    if (from < to && (b[from] == '-' || b[from] == '+')) {
      negative = b[from] == '-';
      from++;
    }
    long mantissa = 0;
    int digits = 0;
    int fraction = -1; // digits after the point; -1 before one
    for (int i = from; i < to; i++) {
      int c = b[i];
      if (c == '.' && fraction < 0) {
        fraction = 0;
        continue;
      }
      int d = c - '0';
      if (d < 0 || d > 9 || ++digits > MAX_DECIMAL_DIGITS) {
        return Double.NaN;
      }
      mantissa = mantissa * 10 + d;
      if (fraction >= 0) {
        fraction++;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    double v = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : (double) mantissa;
    return negative ? -v : v;
  }
}
