package dev.alerting.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus duration syntax: one or more {@code <number><unit>} parts in descending unit order,
 * units {@code y w d h m s ms}, e.g. {@code 1h30m}, {@code 500ms}, {@code 0s}.
 */
public final class Durations {
  private static final Pattern WHOLE =
      Pattern.compile("((\\d+)y)?((\\d+)w)?((\\d+)d)?((\\d+)h)?((\\d+)m)?((\\d+)s)?((\\d+)ms)?");

  private Durations() {}

  public static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = WHOLE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration (use e.g. 30s, 5m, 1h30m, 500ms)");
    }
    long[] unitMillis = {
      365L * 86_400_000, 7L * 86_400_000, 86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L
    };
    long total = 0;
    for (int i = 0; i < unitMillis.length; i++) {
      String g = m.group(2 + 2 * i);
      if (g != null) {
        total = Math.addExact(total, Math.multiplyExact(Long.parseLong(g), unitMillis[i]));
      }
    }
    return Duration.ofMillis(total);
  }

  /** Prometheus's formatting: largest units first, zero parts omitted, {@code 0s} for zero. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long[] unitMillis = {
      365L * 86_400_000, 7L * 86_400_000, 86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L
    };
    String[] units = {"y", "w", "d", "h", "m", "s", "ms"};
    for (int i = 0; i < units.length; i++) {
      long n = ms / unitMillis[i];
      if (n > 0) {
        sb.append(n).append(units[i]);
        ms -= n * unitMillis[i];
      }
    }
    return sb.toString();
  }
}
