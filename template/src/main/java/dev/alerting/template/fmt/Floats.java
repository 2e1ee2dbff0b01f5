package dev.alerting.template.fmt;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's strconv.FormatFloat for 64-bit floats: formats {@code e E f g G b x X} with a precision or
 * the shortest digits that read back as the same double ({@code prec < 0}).
 */
public final class Floats {
  private Floats() {}

  /** Decimal digits {@code 0.d1d2...} × 10^dp with no trailing zeros; zero has no digits. */
  private record Digits(String d, int dp) {
    int nd() {
      return d.length();
    }
  }

  public static String format(double v, char fmt, int prec) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    boolean neg = v < 0 || (v == 0 && 1 / v < 0);
    if (fmt == 'b') {
      return binary(v);
    }
    if (fmt == 'x' || fmt == 'X') {
      return hex(v, fmt, prec);
    }
    double a = Math.abs(v);
    boolean shortest = prec < 0;
    Digits digs;
    if (shortest) {
      digs = shortestDigits(a);
      prec =
          switch (fmt) {
            case 'e', 'E' -> digs.nd() - 1;
            case 'f' -> Math.max(digs.nd() - digs.dp(), 0);
            default -> digs.nd();
          };
    } else {
      digs =
          switch (fmt) {
            case 'e', 'E' -> rounded(a, new MathContext(prec + 1, RoundingMode.HALF_EVEN));
            case 'f' -> fixed(a, prec);
            default -> {
              if (prec == 0) {
                prec = 1;
              }
              yield rounded(a, new MathContext(prec, RoundingMode.HALF_EVEN));
            }
          };
    }
    StringBuilder sb = new StringBuilder();
    if (neg) {
      sb.append('-');
    }
    switch (fmt) {
      case 'e', 'E' -> fmtE(sb, digs, prec, fmt);
      case 'f' -> fmtF(sb, digs, prec);
      default -> {
        int eprec = prec;
        if (eprec > digs.nd() && digs.nd() >= digs.dp()) {
          eprec = digs.nd();
        }
        if (shortest) {
          eprec = 6;
        }
        int exp = digs.dp() - 1;
        if (exp < -4 || exp >= eprec) {
          if (prec > digs.nd()) {
            prec = digs.nd();
          }
          fmtE(sb, digs, prec - 1, fmt == 'g' ? 'e' : 'E');
        } else {
          if (prec > digs.dp()) {
            prec = digs.nd();
          }
          fmtF(sb, digs, Math.max(prec - digs.dp(), 0));
        }
      }
    }
    return sb.toString();
  }

  private static Digits shortestDigits(double a) {
    if (a == 0) {
      return new Digits("", 0);
    }
    BigDecimal exact = new BigDecimal(a);
    for (int p = 1; p <= 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.doubleValue() == a) {
        return digits(r);
      }
    }
    return digits(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
  }

  private static Digits rounded(double a, MathContext mc) {
    return a == 0 ? new Digits("", 0) : digits(new BigDecimal(a).round(mc));
  }

  private static Digits fixed(double a, int prec) {
    BigDecimal r = new BigDecimal(a).setScale(prec, RoundingMode.HALF_EVEN);
    return r.signum() == 0 ? new Digits("", 0) : digits(r);
  }

  private static Digits digits(BigDecimal r) {
    String u = r.unscaledValue().abs().toString();
    int dp = u.length() - r.scale();
    int end = u.length();
    while (end > 0 && u.charAt(end - 1) == '0') {
      end--;
    }
    return new Digits(u.substring(0, end), dp);
  }

  private static void fmtE(StringBuilder sb, Digits digs, int prec, char fmt) {
    sb.append(digs.nd() == 0 ? '0' : digs.d().charAt(0));
    if (prec > 0) {
      sb.append('.');
      int i = 1;
      int m = Math.min(digs.nd(), prec + 1);
      if (i < m) {
        sb.append(digs.d(), i, m);
        i = m;
      }
      for (; i <= prec; i++) {
        sb.append('0');
      }
    }
    sb.append(fmt);
    int exp = digs.nd() == 0 ? 0 : digs.dp() - 1;
    sb.append(exp < 0 ? '-' : '+');
    exp = Math.abs(exp);
    if (exp < 10) {
      sb.append('0');
    }
    sb.append(exp);
  }

  private static void fmtF(StringBuilder sb, Digits digs, int prec) {
    if (digs.dp() > 0) {
      int m = Math.min(digs.nd(), digs.dp());
      sb.append(digs.d(), 0, m);
      for (; m < digs.dp(); m++) {
        sb.append('0');
      }
    } else {
      sb.append('0');
    }
    if (prec > 0) {
      sb.append('.');
      for (int i = 1; i <= prec; i++) {
        int j = digs.dp() + i - 1;
        sb.append(j >= 0 && j < digs.nd() ? digs.d().charAt(j) : '0');
      }
    }
  }

  private static String binary(double v) {
    long bits = Double.doubleToRawLongBits(v);
    long mant = bits & ((1L << 52) - 1);
    int exp = (int) ((bits >>> 52) & 0x7ff);
    if (exp == 0) {
      exp++;
    } else {
      mant |= 1L << 52;
    }
    exp -= 1023 + 52;
    return (bits < 0 ? "-" : "") + mant + "p" + (exp >= 0 ? "+" : "") + exp;
  }

  private static String hex(double v, char fmt, int prec) {
    long bits = Double.doubleToRawLongBits(v);
    long mant = bits & ((1L << 52) - 1);
    int exp = (int) ((bits >>> 52) & 0x7ff);
    StringBuilder sb = new StringBuilder(bits < 0 ? "-" : "");
    if (exp == 0 && mant == 0) {
      exp = 0;
    } else if (exp == 0) {
      exp = -1022;
      while ((mant & (1L << 52)) == 0) {
        mant <<= 1;
        exp--;
      }
      mant &= (1L << 52) - 1;
    } else {
      exp -= 1023;
    }
    String digits = String.format("%013x", mant);
    if (prec >= 0 && prec < 13) {
      BigDecimal m = new BigDecimal(new java.math.BigInteger("1" + digits, 16));
      BigDecimal unit = new BigDecimal(java.math.BigInteger.ONE.shiftLeft(4 * (13 - prec)));
      long r = m.divide(unit, 0, RoundingMode.HALF_EVEN).longValueExact();
      if (r >= (1L << (4 * prec + 1))) {
        r >>= 1;
        exp++;
      }
      String h = Long.toHexString(r);
      digits = h.substring(1);
    } else {
      digits = digits.replaceAll("0+$", "");
    }
    boolean zero = mant == 0 && ((bits >>> 52) & 0x7ff) == 0;
    sb.append("0x").append(zero ? '0' : '1');
    if (!digits.isEmpty()) {
      sb.append('.').append(digits);
    }
    if (prec > 13) {
      sb.append("0".repeat(prec - Math.max(digits.length(), 0)));
    }
    sb.append('p').append(exp >= 0 ? '+' : '-');
    int e = Math.abs(exp);
    if (e < 10) {
      sb.append('0');
    }
    sb.append(e);
    String s = sb.toString();
    return fmt == 'X' ? s.toUpperCase() : s;
  }
}
