package dev.alerting.rule.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's float64 formatting ({@code strconv.FormatFloat} / {@code fmt}), which Prometheus templates
 * and APIs print: {@code %v} is {@code 'g'} with the shortest digits that round-trip and an
 * exponent when it is below -4 or at least 6. Java's {@link Double#toString} differs in both digits
 * (not always shortest on Java 17) and layout.
 */
public final class GoFloat {
  private GoFloat() {}

  /** Go's {@code fmt.Sprintf("%v", v)}: e.g. 95, 0.5, 1e+06, 1.5e-07, +Inf, NaN. */
  public static String v(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return special(v);
    }
    Digits d = shortest(v);
    return formatG(v, d, d.nd(), true);
  }

  /** Go's {@code fmt.Sprintf("%.<precision>g", v)}, e.g. {@code %.4g} of 4.7781 is 4.778. */
  public static String g(double v, int precision) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return special(v);
    }
    int prec = Math.max(precision, 1);
    return formatG(v, rounded(v, prec), prec, false);
  }

  /** Go's {@code strconv.FormatFloat(v, 'e', -1, 64)}, as Prometheus's API prints alert values. */
  public static String e(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return special(v);
    }
    Digits d = shortest(v);
    return (neg(v) ? "-" : "") + fmtE(d, Math.max(d.nd() - 1, 0));
  }

  /**
   * Prometheus's JSON float ({@code jsonutil.MarshalFloat}): strconv {@code 'f'} with the shortest
   * digits, {@code 'e'} when the magnitude is below 1e-6 or at least 1e21; e.g. 1000000, 0.5,
   * 1e-07, +Inf, NaN.
   */
  public static String json(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return special(v);
    }
    Digits d = shortest(v);
    String sign = neg(v) ? "-" : "";
    double abs = Math.abs(v);
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      return sign + fmtE(d, Math.max(d.nd() - 1, 0));
    }
    return sign + fmtF(d, Math.max(d.nd() - d.dp(), 0));
  }

  private static String special(double v) {
    return Double.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";
  }

  private static boolean neg(double v) {
    return Double.doubleToRawLongBits(v) < 0;
  }

  /** Decimal digits (no trailing zeros) and decimal point position: value = 0.digits × 10^dp. */
  private record Digits(String digits, int dp) {
    int nd() {
      return digits.length();
    }
  }

  private static Digits of(BigDecimal abs) {
    if (abs.signum() == 0) {
      return new Digits("", 0);
    }
    BigDecimal stripped = abs.stripTrailingZeros();
    String digits = stripped.unscaledValue().toString();
    return new Digits(digits, digits.length() - stripped.scale());
  }

  /** The exact binary value rounded to {@code prec} significant digits, ties to even as Go. */
  private static Digits rounded(double v, int prec) {
    BigDecimal exact = new BigDecimal(Math.abs(v));
    return of(exact.round(new MathContext(prec, RoundingMode.HALF_EVEN)));
  }

  /** The fewest digits that parse back to the same double, closest to the exact value. */
  private static Digits shortest(double v) {
    double abs = Math.abs(v);
    if (abs == 0) {
      return new Digits("", 0);
    }
    BigDecimal exact = new BigDecimal(abs);
    for (int p = 1; p < 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.doubleValue() == abs) {
        return of(r);
      }
    }
    return of(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
  }

  /** strconv's {@code %g} layout decision, including its shortest-format exponent threshold 6. */
  private static String formatG(double v, Digits d, int prec, boolean shortest) {
    int eprec = prec;
    if (eprec > d.nd() && d.nd() >= d.dp()) {
      eprec = d.nd();
    }
    if (shortest) {
      eprec = 6;
    }
    int exp = d.dp() - 1;
    String sign = neg(v) ? "-" : "";
    if (d.nd() == 0) {
      return sign + "0";
    }
    if (exp < -4 || exp >= eprec) {
      int p = Math.min(prec, d.nd());
      return sign + fmtE(d, p - 1);
    }
    int p = prec > d.dp() ? d.nd() : prec;
    return sign + fmtF(d, Math.max(p - d.dp(), 0));
  }

  private static String fmtE(Digits d, int fracDigits) {
    StringBuilder sb = new StringBuilder();
    sb.append(d.nd() == 0 ? '0' : d.digits().charAt(0));
    if (fracDigits > 0) {
      sb.append('.');
      for (int k = 1; k <= fracDigits; k++) {
        sb.append(k < d.nd() ? d.digits().charAt(k) : '0');
      }
    }
    int exp = d.nd() == 0 ? 0 : d.dp() - 1;
    sb.append('e').append(exp < 0 ? '-' : '+');
    int a = Math.abs(exp);
    if (a < 10) {
      sb.append('0');
    }
    return sb.append(a).toString();
  }

  private static String fmtF(Digits d, int fracDigits) {
    StringBuilder sb = new StringBuilder();
    if (d.dp() > 0) {
      for (int k = 0; k < d.dp(); k++) {
        sb.append(k < d.nd() ? d.digits().charAt(k) : '0');
      }
    } else {
      sb.append('0');
    }
    if (fracDigits > 0) {
      sb.append('.');
      for (int k = 1; k <= fracDigits; k++) {
        int j = d.dp() + k - 1;
        sb.append(j >= 0 && j < d.nd() ? d.digits().charAt(j) : '0');
      }
    }
    return sb.toString();
  }
}
