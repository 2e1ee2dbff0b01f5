package dev.alerting.promql.storage;

/**
 * The variable-length code of a signed integer that the gap code ({@link TimeCode}) and the integer
 * value code's step change ({@link ValueCode}) share, each with its own four payload widths {@code
 * a..d}: {@code 0} for 0, else a prefix of k ones and a 0 (k = 1..4) and a sign bit and the
 * magnitude less the bucket's smallest in the rest of the bucket's payload, or five ones and 64 raw
 * bits. The buckets do not overlap: payload {@code a} holds ±1..±2^(a-1), {@code b} the 2^(b-1)
 * magnitudes after those, and so on.
 *
 * <p>The widths are parameters rather than fields so that each caller's constants fold into the
 * code on the decoding path, the hot one.
 */
final class BucketCode {
  private BucketCode() {}

  /** The bits {@link #write} takes for {@code v}. */
  static int bits(long v, int a, int b, int c, int d) {
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

  /** Writes {@code v} at {@code p}'s position in {@code bits}. */
  static void write(PackedPoint p, long[] bits, long v, int a, int b, int c, int d) {
    int n = bits(v, a, b, c, d);
    if (n == 1) {
      p.write(bits, 0, 1);
      return;
    }
    if (n == 5 + 64) {
      p.write(bits, 0b11111, 5);
      p.write(bits, v, 64);
      return;
    }
    long m = v < 0 ? -v : v;
    long sign = v < 0 ? 1 : 0;
    long lo = 1;
    if (n == 2 + a) {
      p.write(bits, 0b10, 2);
      p.write(bits, sign << (a - 1) | (m - lo), a);
      return;
    }
    lo += 1L << (a - 1);
    if (n == 3 + b) {
      p.write(bits, 0b110, 3);
      p.write(bits, sign << (b - 1) | (m - lo), b);
      return;
    }
    lo += 1L << (b - 1);
    if (n == 4 + c) {
      p.write(bits, 0b1110, 4);
      p.write(bits, sign << (c - 1) | (m - lo), c);
      return;
    }
    lo += 1L << (c - 1);
    p.write(bits, 0b11110, 5);
    p.write(bits, sign << (d - 1) | (m - lo), d);
  }

  /** Reads a value at {@code p}'s position: its prefix and payload from one look. */
  static long read(PackedPoint p, long[] bits, int a, int b, int c, int d) {
    long w = p.peek(bits);
    if (w >= 0) {
      p.pos++;
      return 0;
    } else if (w << 1 >= 0) {
      return payload(p, w << 2, 2, a, 1);
    } else if (w << 2 >= 0) {
      return payload(p, w << 3, 3, b, 1 + (1L << (a - 1)));
    } else if (w << 3 >= 0) {
      return payload(p, w << 4, 4, c, 1 + (1L << (a - 1)) + (1L << (b - 1)));
    } else if (w << 4 >= 0) {
      return payload(p, w << 5, 5, d, 1 + (1L << (a - 1)) + (1L << (b - 1)) + (1L << (c - 1)));
    }
    p.pos += 5;
    return p.read(bits, 64);
  }

  /**
   * A bucket's value from its payload at the top of {@code top}: the sign bit, then the magnitude
   * less {@code lo} in the other {@code n - 1} bits; moves {@code p} past the prefix and payload.
   */
  private static long payload(PackedPoint p, long top, int prefix, int n, long lo) {
    p.pos += prefix + n;
    long m = lo + (n == 1 ? 0 : top << 1 >>> (65 - n));
    return top < 0 ? -m : m;
  }
}
