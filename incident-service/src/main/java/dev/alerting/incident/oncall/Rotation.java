package dev.alerting.incident.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One layer of a schedule: {@code users} take turns, each for {@code shift}, the first from {@code
 * start} (local time in the schedule's zone). Nobody is on call before {@code start}, nor from
 * {@code end} (optional) on: a layer with an end covers a period, such as a holiday.
 *
 * <p>A shift of whole days ({@code 1d}, {@code 1w}, {@code 36h} is not one) hands over at the same
 * local wall-clock time every time, so across a daylight-saving change that shift is an hour
 * shorter or longer, as people expect of "the Monday 09:00 hand-off". Any other length is exact
 * elapsed time. A hand-off in a skipped local hour moves forward by the gap; in a repeated hour it
 * takes the earlier offset (both {@link java.time.ZonedDateTime} rules).
 */
public record Rotation(List<String> users, LocalDateTime start, Duration shift, LocalDateTime end) {
  private static final long DAY_MILLIS = 86_400_000L;

  /** Used as "no further change" so a walk over hand-offs always has somewhere to stop. */
  static final Instant NEVER = Instant.parse("9999-12-31T00:00:00Z");

  public Rotation(List<String> users, LocalDateTime start, Duration shift) {
    this(users, start, shift, null);
  }

  public Rotation {
    users = List.copyOf(users);
    if (users.isEmpty()) {
      throw new IllegalArgumentException("a rotation needs at least one user");
    }
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(shift, "shift");
    if (shift.toMinutes() < 1) {
      throw new IllegalArgumentException("a shift must be at least 1m");
    }
    if (end != null && !end.isAfter(start)) {
      throw new IllegalArgumentException("a rotation must end after it starts");
    }
  }

  private Instant endInstant(ZoneId zone) {
    return end == null ? NEVER : end.atZone(zone).toInstant();
  }

  private boolean calendarDays() {
    return shift.toMillis() % DAY_MILLIS == 0;
  }

  /** The start of shift number {@code k} (0 = the first). */
  Instant shiftStart(long k, ZoneId zone) {
    if (calendarDays()) {
      return start.plusDays(k * (shift.toMillis() / DAY_MILLIS)).atZone(zone).toInstant();
    }
    return start.atZone(zone).toInstant().plus(shift.multipliedBy(k));
  }

  /**
   * Who this layer has on call at {@code t}, with the shift's bounds (the last one cut at {@code
   * end}); empty before the start and from the end on.
   */
  Optional<Shift> at(Instant t, ZoneId zone) {
    Instant first = shiftStart(0, zone);
    Instant last = endInstant(zone);
    if (t.isBefore(first) || !t.isBefore(last)) {
      return Optional.empty();
    }
    // The nominal length gives the shift number to within one; DST moves a boundary by an hour.
    long k = Duration.between(first, t).toMillis() / shift.toMillis();
    while (k > 0 && shiftStart(k, zone).isAfter(t)) {
      k--;
    }
    while (!shiftStart(k + 1, zone).isAfter(t)) {
      k++;
    }
    String user = users.get((int) Math.floorMod(k, (long) users.size()));
    Instant shiftEnd = shiftStart(k + 1, zone);
    return Optional.of(
        new Shift(user, shiftStart(k, zone), shiftEnd.isAfter(last) ? last : shiftEnd));
  }

  /** The first hand-off strictly after {@code t} ({@link #NEVER} after the end). */
  Instant nextBoundary(Instant t, ZoneId zone) {
    Instant first = shiftStart(0, zone);
    if (t.isBefore(first)) {
      return first;
    }
    return at(t, zone).map(Shift::end).orElse(NEVER);
  }

  /** The last hand-off at or before {@code t}; empty before the first shift. */
  Optional<Instant> previousBoundary(Instant t, ZoneId zone) {
    Instant last = endInstant(zone);
    if (!t.isBefore(last)) {
      return Optional.of(last);
    }
    return at(t, zone).map(Shift::start);
  }
}
