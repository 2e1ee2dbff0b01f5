package dev.alerting.ingest.exposition;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Numbers as the text exposition format writes them (Go's {@code strconv.ParseFloat} spelling):
 * decimal floats plus NaN and signed infinities. Java's own parser is not used unchecked because it
 * also takes {@code 1d}, {@code 0x1p3} and {@code Infinity} spelled its own way.
 */
final class NumberSyntax {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,19}");

  private NumberSyntax() {}

  /** The value, or null when {@code token} is not a number of the format. */
  static Double value(String token) {
    switch (token.toLowerCase(Locale.ROOT)) {
      case "nan", "+nan", "-nan":
        return Double.NaN;
      case "inf", "+inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        return DECIMAL.matcher(token).matches() ? Double.parseDouble(token) : null;
    }
  }

  /** The epoch-millisecond timestamp, or null when {@code token} is not an int64. */
  static Long timestamp(String token) {
    if (!INTEGER.matcher(token).matches()) {
      return null;
    }
    try {
      return Long.parseLong(token);
    } catch (NumberFormatException e) {
      return null; // 19 digits can still overflow
    }
  }
}
