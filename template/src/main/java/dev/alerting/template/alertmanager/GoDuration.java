package dev.alerting.template.alertmanager;

import dev.alerting.template.GoType;

/**
 * A Go {@code time.Duration} (int64 nanoseconds): prints as Go's {@code Duration.String} does
 * ({@code 1h2m3.5s}, {@code 1.5ms}, {@code 0s}); {@code humanizeDuration} reads its seconds.
 */
@GoType("time.Duration")
public final class GoDuration {
  private static final long SECOND = 1_000_000_000L;

  private final long nanos;

  public GoDuration(long nanos) {
    this.nanos = nanos;
  }

  /** Go's {@code Time.Sub}: saturates at the int64 range instead of overflowing. */
  public static GoDuration between(java.time.Instant from, java.time.Instant to) {
    java.math.BigInteger n =
        java.math.BigInteger.valueOf(to.getEpochSecond())
            .subtract(java.math.BigInteger.valueOf(from.getEpochSecond()))
            .multiply(java.math.BigInteger.valueOf(SECOND))
            .add(java.math.BigInteger.valueOf(to.getNano() - from.getNano()));
    if (n.bitLength() >= 64) {
      return new GoDuration(n.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE);
    }
    return new GoDuration(n.longValue());
  }

  /** Go's {@code Duration.Seconds} (and {@code .Minutes}, {@code .Hours} below). */
  public double seconds() {
    long sec = nanos / SECOND;
    long nsec = nanos % SECOND;
    return sec + nsec / 1e9;
  }

  public double minutes() {
    long min = nanos / (60 * SECOND);
    long nsec = nanos % (60 * SECOND);
    return min + nsec / (60 * 1e9);
  }

  public double hours() {
    long hour = nanos / (3600 * SECOND);
    long nsec = nanos % (3600 * SECOND);
    return hour + nsec / (3600 * 1e9);
  }

  public long nanoseconds() {
    return nanos;
  }

  public long milliseconds() {
    return nanos / 1_000_000;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GoDuration d && d.nanos == nanos;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(nanos);
  }

  @Override
  public String toString() {
    if (nanos == 0) {
      return "0s";
    }
    boolean neg = nanos < 0;
    // unsigned magnitude: -MinInt64 does not fit a long, as in Go's uint64 arithmetic
    java.math.BigInteger u = java.math.BigInteger.valueOf(nanos).abs();
    StringBuilder out = new StringBuilder();
    if (u.compareTo(java.math.BigInteger.valueOf(SECOND)) < 0) {
      long v = u.longValue();
      String unit;
      int prec;
      if (v < 1_000) {
        unit = "ns";
        prec = 0;
      } else if (v < 1_000_000) {
        unit = "\u00b5s";
        prec = 3;
      } else {
        unit = "ms";
        prec = 6;
      }
      out.append(fraction(v, prec)).append(unit);
    } else {
      java.math.BigInteger[] sec = u.divideAndRemainder(java.math.BigInteger.valueOf(SECOND));
      long whole = sec[0].longValue();
      String frac = fraction(sec[1].longValue() + SECOND, 9);
      // fraction() of (1s + remainder) gives "1.xxx" or "1": keep what follows the 1
      String s = (whole % 60) + frac.substring(1) + "s";
      long minutes = whole / 60;
      if (minutes > 0) {
        s = (minutes % 60) + "m" + s;
        long hours = minutes / 60;
        if (hours > 0) {
          s = hours + "h" + s;
        }
      }
      out.append(s);
    }
    return (neg ? "-" : "") + out;
  }

  /** Go's fmtFrac then fmtInt: {@code v / 10^prec} with trailing fractional zeros dropped. */
  private static String fraction(long v, int prec) {
    long scale = 1;
    for (int i = 0; i < prec; i++) {
      scale *= 10;
    }
    long whole = v / scale;
    long frac = v % scale;
    if (frac == 0) {
      return Long.toString(whole);
    }
    String digits = String.format("%0" + prec + "d", frac).replaceAll("0+$", "");
    return whole + "." + digits;
  }
}
