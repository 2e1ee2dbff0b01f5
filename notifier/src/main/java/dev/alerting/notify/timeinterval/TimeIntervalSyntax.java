package dev.alerting.notify.timeinterval;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alertmanager's notation for the fields of a time interval: {@code HH:MM} times (end up to 24:00),
 * weekday and month names or numbers, {@code begin:end} ranges, and IANA location names. Every
 * method throws IllegalArgumentException with Alertmanager's reason.
 */
public final class TimeIntervalSyntax {
  private static final Pattern TIME =
      Pattern.compile("^((([01][0-9])|(2[0-3])):[0-5][0-9])$|(^24:00$)");
  private static final List<String> WEEKDAYS =
      List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday");
  private static final List<String> MONTHS =
      List.of(
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december");

  private TimeIntervalSyntax() {}

  /** A {@code start_time}/{@code end_time} pair as minutes of the day. */
  public static IntRange times(String start, String end) {
    int s = minutes(start);
    int e = minutes(end);
    if (s >= e) {
      throw new IllegalArgumentException("start time cannot be equal or greater than end time");
    }
    return new IntRange(s, e);
  }

  private static int minutes(String hhmm) {
    Matcher m = TIME.matcher(hhmm == null ? "" : hhmm);
    if (!m.matches()) {
      throw new IllegalArgumentException("couldn't parse timestamp " + hhmm + ", invalid format");
    }
    return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3));
  }

  public static IntRange weekdays(String text) {
    return range(text, "weekday", s -> named(s, WEEKDAYS, 0, "weekday"), false);
  }

  public static IntRange months(String text) {
    return range(text, "month", s -> named(s, MONTHS, 1, "month"), false);
  }

  public static IntRange years(String text) {
    IntRange r = range(text, "year", s -> number(s, "year"), false);
    if (r.begin() <= 0) {
      throw new IllegalArgumentException("year must be positive: " + text);
    }
    return r;
  }

  /** Days 1..31 or -31..-1; a range of one sign must not run backwards. */
  public static IntRange daysOfMonth(String text) {
    IntRange r = range(text, "day of month", s -> number(s, "day of month"), true);
    for (int d : new int[] {r.begin(), r.end()}) {
      if (d == 0 || Math.abs(d) > 31) {
        throw new IllegalArgumentException(d + " is not a valid day of the month: out of range");
      }
    }
    boolean sameSign = (r.begin() > 0) == (r.end() > 0);
    if (sameSign && r.end() < r.begin()) {
      throw new IllegalArgumentException("end day must be greater than start day: " + text);
    }
    return r;
  }

  public static ZoneId location(String name) {
    if (name == null || name.isEmpty() || name.equals("UTC")) {
      return ZoneOffset.UTC;
    }
    if (name.equals("Local")) {
      return ZoneId.systemDefault();
    }
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown time zone " + name);
    }
  }

  private static IntRange range(
      String text, String what, java.util.function.ToIntFunction<String> value, boolean signed) {
    String t = text.trim();
    int colon = signed ? t.indexOf(':', 1) : t.indexOf(':');
    if (colon < 0) {
      int v = value.applyAsInt(t);
      return new IntRange(v, v);
    }
    int begin = value.applyAsInt(t.substring(0, colon));
    int end = value.applyAsInt(t.substring(colon + 1));
    if (!signed && end < begin) {
      throw new IllegalArgumentException(
          "start " + what + " cannot be after end " + what + ": " + text);
    }
    return new IntRange(begin, end);
  }

  private static int named(String s, List<String> names, int first, String what) {
    String n = s.trim().toLowerCase(Locale.ROOT);
    int i = names.indexOf(n);
    if (i >= 0) {
      return i + first;
    }
    if (what.equals("month") && n.matches("\\d{1,2}")) {
      int m = Integer.parseInt(n);
      if (m >= 1 && m <= 12) {
        return m;
      }
    }
    throw new IllegalArgumentException(s + " is not a valid " + what);
  }

  private static int number(String s, String what) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(s + " is not a valid " + what);
    }
  }
}
