package dev.alerting.template.humanize;

import dev.alerting.template.fmt.GoFmt;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Prometheus's humanize template functions ({@code humanize}, {@code humanize1024}, {@code
 * humanizeDuration}, {@code humanizePercentage}, {@code humanizeTimestamp}): numbers (or numeric
 * strings) to short human text, formatted with Go's {@code %.4g}.
 */
public final class Humanize {
  private static final String[] BIG = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
  private static final String[] SMALL = {"m", "u", "n", "p", "f", "a", "z", "y"};
  private static final String[] BINARY = {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};

  private Humanize() {}

  public static String humanize(Object i) {
    double v = toFloat(i);
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return g4(v, "");
    }
    String prefix = "";
    if (Math.abs(v) >= 1) {
      for (String p : BIG) {
        if (Math.abs(v) < 1000) {
          break;
        }
        prefix = p;
        v /= 1000;
      }
      return g4(v, prefix);
    }
    for (String p : SMALL) {
      if (Math.abs(v) >= 1) {
        break;
      }
      prefix = p;
      v *= 1000;
    }
    return g4(v, prefix);
  }

  public static String humanize1024(Object i) {
    double v = toFloat(i);
    if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) {
      return g4(v, "");
    }
    String prefix = "";
    for (String p : BINARY) {
      if (Math.abs(v) < 1024) {
        break;
      }
      prefix = p;
      v /= 1024;
    }
    return g4(v, prefix);
  }

  public static String humanizeDuration(Object i) {
    double v = toFloat(i);
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return g4(v, "");
    }
    if (v == 0) {
      return g4(v, "s");
    }
    if (Math.abs(v) >= 1) {
      String sign = "";
      if (v < 0) {
        sign = "-";
        v = -v;
      }
      long duration = (long) v;
      long seconds = duration % 60;
      long minutes = (duration / 60) % 60;
      long hours = (duration / 60 / 60) % 24;
      long days = duration / 60 / 60 / 24;
      if (days != 0) {
        return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
      }
      if (hours != 0) {
        return sign + hours + "h " + minutes + "m " + seconds + "s";
      }
      if (minutes != 0) {
        return sign + minutes + "m " + seconds + "s";
      }
      return sign + g4(v, "s");
    }
    String prefix = "";
    for (String p : SMALL) {
      if (Math.abs(v) >= 1) {
        break;
      }
      prefix = p;
      v *= 1000;
    }
    return g4(v, prefix + "s");
  }

  public static String humanizePercentage(Object i) {
    return g4(toFloat(i) * 100, "%");
  }

  public static String humanizeTimestamp(Object i) {
    double v = toFloat(i);
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return g4(v, "");
    }
    double nanos = v * 1e9;
    if (nanos > Long.MAX_VALUE || nanos < Long.MIN_VALUE) {
      throw new IllegalArgumentException(
          GoFmt.sprint(List.of(v))
              + " cannot be represented as a nanoseconds timestamp since it overflows int64");
    }
    // Prometheus goes through model.Time: millisecond precision
    long millis = Math.floorDiv((long) nanos, 1_000_000L);
    return goTimeString(Instant.ofEpochMilli(millis));
  }

  /** Go's Time.String for a UTC instant. */
  public static String goTimeString(Instant t) {
    String base =
        DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").format(t.atOffset(ZoneOffset.UTC));
    String frac = String.format("%09d", t.getNano()).replaceAll("0+$", "");
    return base + (frac.isEmpty() ? "" : "." + frac) + " +0000 UTC";
  }

  private static String g4(double v, String suffix) {
    return GoFmt.sprintf("%.4g", List.of(v)) + suffix;
  }

  /**
   * Prometheus's convertToFloat: float64, int, a string strconv.ParseFloat accepts, or a
   * time.Duration (its seconds, as {@code since} returns one).
   */
  public static double toFloat(Object i) {
    if (i instanceof dev.alerting.template.alertmanager.GoDuration d) {
      return d.seconds();
    }
    if (i instanceof Double d) {
      return d;
    }
    if (i instanceof Long || i instanceof Integer) {
      return ((Number) i).doubleValue();
    }
    if (i instanceof String s) {
      return parseFloat(s);
    }
    throw new IllegalArgumentException(
        "can't convert "
            + (i == null ? "<nil>" : dev.alerting.template.exec.GoTypes.name(i))
            + " to float");
  }

  /** strconv.ParseFloat(s, 64) for the decimal, Inf and NaN forms. */
  public static double parseFloat(String s) {
    String t = s.toLowerCase();
    switch (t) {
      case "inf", "+inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      case "nan":
        return Double.NaN;
      default:
        break;
    }
    if (!s.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
      throw new IllegalArgumentException(
          "strconv.ParseFloat: parsing "
              + dev.alerting.template.fmt.Quote.go(s)
              + ": invalid syntax");
    }
    return Double.parseDouble(s);
  }
}
