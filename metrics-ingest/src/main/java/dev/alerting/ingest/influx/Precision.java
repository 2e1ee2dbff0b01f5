package dev.alerting.ingest.influx;

import dev.alerting.ingest.sample.FormatException;
import java.util.Locale;

/** The unit of Influx line-protocol timestamps: the {@code precision} query parameter. */
public enum Precision {
  NANOSECONDS,
  MICROSECONDS,
  MILLISECONDS,
  SECONDS;

  /**
   * Reads the parameter in either API's spelling: v2 {@code ns|us|ms|s}, v1 {@code n|u|ms|s};
   * absent means nanoseconds, the default of both.
   */
  public static Precision parse(String value) {
    if (value == null || value.isEmpty()) {
      return NANOSECONDS;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "ns", "n" -> NANOSECONDS;
      case "us", "u", "µ", "µs" -> MICROSECONDS;
      case "ms" -> MILLISECONDS;
      case "s" -> SECONDS;
      default ->
          throw new FormatException(
              "precision \"" + value + "\" is not one of ns, us, ms, s (v1: n, u, ms, s)");
    };
  }

  /** The timestamp in epoch milliseconds (sub-millisecond parts are dropped, rounding down). */
  long toMillis(long timestamp) {
    return switch (this) {
      case NANOSECONDS -> Math.floorDiv(timestamp, 1_000_000L);
      case MICROSECONDS -> Math.floorDiv(timestamp, 1_000L);
      case MILLISECONDS -> timestamp;
      case SECONDS -> {
        try {
          yield Math.multiplyExact(timestamp, 1000L);
        } catch (ArithmeticException e) {
          throw new FormatException("timestamp " + timestamp + " in seconds is out of range");
        }
      }
    };
  }
}
