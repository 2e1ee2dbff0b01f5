package dev.alerting.incident.oncall;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A weekly window of local wall-clock time in which a rotation layer has someone on call: from
 * {@code day} at {@code start} for {@code length} of wall-clock time (so "weekdays 09:00 to 17:00"
 * ends at 17:00 on a daylight-saving day too, eight local hours that are seven or nine elapsed).
 * Outside every window of its layer, the layer has nobody and a lower layer (or nobody) applies.
 */
public record Restriction(DayOfWeek day, LocalTime start, Duration length) {
  private static final Duration WEEK = Duration.ofDays(7);

  public Restriction {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(length, "length");
    if (length.toMinutes() < 1 || length.compareTo(WEEK) >= 0) {
      throw new IllegalArgumentException("a restriction lasts at least 1m and less than a week");
    }
  }

  /**
   * A time-of-day window on each of {@code days}: from {@code from} to {@code to}, ending the next
   * day when {@code to} is not after {@code from} (22:00–06:00); equal times are refused.
   */
  public static List<Restriction> daily(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
    if (from.equals(to)) {
      throw new IllegalArgumentException("from and to are the same time");
    }
    Duration length = Duration.between(from, to);
    if (length.isNegative()) {
      length = length.plusDays(1);
    }
    List<Restriction> out = new ArrayList<>();
    for (DayOfWeek d : DayOfWeek.values()) {
      if (days.contains(d)) {
        out.add(new Restriction(d, from, length));
      }
    }
    return out;
  }

  /**
   * A time-of-week window from {@code fromDay} {@code from} to the next {@code toDay} {@code to}
   * (Friday 18:00 to Monday 09:00); the same day and time twice is refused.
   */
  public static Restriction weekly(
      DayOfWeek fromDay, LocalTime from, DayOfWeek toDay, LocalTime to) {
    long minutes =
        Math.floorMod(
            (toDay.getValue() - fromDay.getValue()) * 1440L
                + Duration.between(from, to).toMinutes(),
            7 * 1440L);
    if (minutes == 0) {
      throw new IllegalArgumentException("from and to are the same time of the week");
    }
    return new Restriction(fromDay, from, Duration.ofMinutes(minutes));
  }
}
