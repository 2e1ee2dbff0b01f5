package dev.alerting.rule.template;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The template functions this engine supports, with Prometheus's semantics ({@code
 * template/template.go}): numbers as Go formats them with {@code %.4g} and SI or binary prefixes.
 */
final class Functions {
  private static final String[] BIG = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
  private static final String[] SMALL = {"m", "u", "n", "p", "f", "a", "z", "y"};
  private static final String[] BINARY = {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};

  private static final Map<String, Function<Object, String>> ALL = new TreeMap<>();

  static {
    ALL.put("humanize", v -> humanize(toFloat(v)));
    ALL.put("humanize1024", v -> humanize1024(toFloat(v)));
    ALL.put("humanizePercentage", v -> GoFloat.g(toFloat(v) * 100, 4) + "%");
    ALL.put("humanizeDuration", v -> humanizeDuration(toFloat(v)));
    ALL.put("toUpper", v -> Template.print(v).toUpperCase(Locale.ROOT));
    ALL.put("toLower", v -> Template.print(v).toLowerCase(Locale.ROOT));
  }

  private Functions() {}

  static Set<String> names() {
    return ALL.keySet();
  }

  static Function<Object, String> get(String name) {
    return ALL.get(name);
  }

  static String humanize(double v) {
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return GoFloat.g(v, 4);
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
    } else {
      for (String p : SMALL) {
        if (Math.abs(v) >= 1) {
          break;
        }
        prefix = p;
        v *= 1000;
      }
    }
    return GoFloat.g(v, 4) + prefix;
  }

  static String humanize1024(double v) {
    if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) {
      return GoFloat.g(v, 4);
    }
    String prefix = "";
    for (String p : BINARY) {
      if (Math.abs(v) < 1024) {
        break;
      }
      prefix = p;
      v /= 1024;
    }
    return GoFloat.g(v, 4) + prefix + "B";
  }

  static String humanizeDuration(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return GoFloat.g(v, 4);
    }
    if (v == 0) {
      return GoFloat.g(v, 4) + "s";
    }
    if (Math.abs(v) >= 1) {
      String sign = v < 0 ? "-" : "";
      v = Math.abs(v);
      long d = (long) v;
      long seconds = d % 60;
      long minutes = (d / 60) % 60;
      long hours = (d / 3600) % 24;
      long days = d / 86400;
      if (days != 0) {
        return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
      }
      if (hours != 0) {
        return sign + hours + "h " + minutes + "m " + seconds + "s";
      }
      if (minutes != 0) {
        return sign + minutes + "m " + seconds + "s";
      }
      return sign + GoFloat.g(v, 4) + "s";
    }
    String prefix = "";
    for (String p : SMALL) {
      if (Math.abs(v) >= 1) {
        break;
      }
      prefix = p;
      v *= 1000;
    }
    return GoFloat.g(v, 4) + prefix + "s";
  }

  /** Prometheus's {@code convertToFloat}: numbers as they are, strings parsed. */
  private static double toFloat(Object v) {
    if (v instanceof Double d) {
      return d;
    }
    String s = String.valueOf(v).trim();
    try {
      return switch (s) {
        case "+Inf", "Inf", "inf", "+inf" -> Double.POSITIVE_INFINITY;
        case "-Inf", "-inf" -> Double.NEGATIVE_INFINITY;
        case "NaN" -> Double.NaN;
        default -> Double.parseDouble(s);
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "strconv.ParseFloat: parsing \"" + s + "\": invalid syntax");
    }
  }
}
