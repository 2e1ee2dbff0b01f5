package dev.alerting.notify.timeinterval;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One entry of an Alertmanager {@code time_intervals} definition. A time is inside when every field
 * that is set accepts it (an empty list accepts everything), evaluated on the wall clock of {@code
 * location}: {@code times} as minutes of the day, start inclusive and end exclusive; {@code
 * weekdays} 0 = Sunday; {@code daysOfMonth} may count from the end of the month (-1 = last day);
 * {@code months} 1–12; {@code years}.
 */
public record TimeInterval(
    List<IntRange> times,
    List<IntRange> weekdays,
    List<IntRange> daysOfMonth,
    List<IntRange> months,
    List<IntRange> years,
    ZoneId location) {

  public TimeInterval {
    times = List.copyOf(times);
    weekdays = List.copyOf(weekdays);
    daysOfMonth = List.copyOf(daysOfMonth);
    months = List.copyOf(months);
    years = List.copyOf(years);
    Objects.requireNonNull(location, "location");
  }

  public boolean contains(Instant instant) {
    ZonedDateTime t = instant.atZone(location);
    int minute = t.getHour() * 60 + t.getMinute();
    return (times.isEmpty()
            || times.stream().anyMatch(r -> minute >= r.begin() && minute < r.end()))
        && any(weekdays, t.getDayOfWeek().getValue() % 7)
        && inDaysOfMonth(t)
        && any(months, t.getMonthValue())
        && any(years, t.getYear());
  }

  private static boolean any(List<IntRange> ranges, int v) {
    return ranges.isEmpty() || ranges.stream().anyMatch(r -> r.contains(v));
  }

  /** Alertmanager's rule: negative days count back from the month's last day, clamped to it. */
  private boolean inDaysOfMonth(ZonedDateTime t) {
    if (daysOfMonth.isEmpty()) {
      return true;
    }
    int days = t.toLocalDate().lengthOfMonth();
    int day = t.getDayOfMonth();
    for (IntRange r : daysOfMonth) {
      int begin = r.begin() < 0 ? days + r.begin() + 1 : r.begin();
      int end = r.end() < 0 ? days + r.end() + 1 : r.end();
      if (begin > days) {
        continue;
      }
      begin = Math.max(begin, 1);
      end = Math.min(end, days);
      if (day >= begin && day <= end) {
        return true;
      }
    }
    return false;
  }

  /** Whether any of the entries of a named interval contains the instant. */
  public static boolean anyContains(List<TimeInterval> entries, Instant instant) {
    for (TimeInterval ti : entries) {
      if (ti.contains(instant)) {
        return true;
      }
    }
    return false;
  }
}
