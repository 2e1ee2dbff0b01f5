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
 *
 * <p>With {@code restrictions} (weekly windows of local time, such as weekdays 09:00–17:00) the
 * layer has someone only inside a window: the turn order runs on by the clock as without them, and
 * a shift is cut at the window's edges, as PagerDuty's restricted layers do.
 */
public record Rotation(
    List<String> users,
    LocalDateTime start,
    Duration shift,
    LocalDateTime end,
    List<Restriction> restrictions) {
  private static final long DAY_MILLIS = 86_400_000L;

  /** Used as "no further change" so a walk over hand-offs always has somewhere to stop. */
  static final Instant NEVER = Instant.parse("9999-12-31T00:00:00Z");

  public Rotation(List<String> users, LocalDateTime start, Duration shift) {
    this(users, start, shift, null, List.of());
  }

  public Rotation(List<String> users, LocalDateTime start, Duration shift, LocalDateTime end) {
    this(users, start, shift, end, List.of());
  }

  public Rotation {
    users = List.copyOf(users);
    restrictions = List.copyOf(restrictions);
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
   * end}, each cut to its restriction window); empty before the start, from the end on, and outside
   * every restriction window.
   */
  Optional<Shift> at(Instant t, ZoneId zone) {
    Optional<Shift> turn = turnAt(t, zone);
    if (restrictions.isEmpty() || turn.isEmpty()) {
      return turn;
    }
    return Windows.at(restrictions, t, zone)
        .map(
            w ->
                new Shift(
                    turn.get().user(),
                    w.start().isAfter(turn.get().start()) ? w.start() : turn.get().start(),
                    w.end().isBefore(turn.get().end()) ? w.end() : turn.get().end()));
  }

  /** Whose turn it is at {@code t}, restrictions aside. */
  private Optional<Shift> turnAt(Instant t, ZoneId zone) {
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

  /** The first hand-off or window edge strictly after {@code t} ({@link #NEVER} after the end). */
  Instant nextBoundary(Instant t, ZoneId zone) {
    Instant first = shiftStart(0, zone);
    Instant turn = t.isBefore(first) ? first : turnAt(t, zone).map(Shift::end).orElse(NEVER);
    if (restrictions.isEmpty() || turn.equals(NEVER)) {
      return turn;
    }
    Instant edge = Windows.nextEdge(restrictions, t, zone);
    return edge.isBefore(turn) ? edge : turn;
  }

  /** The last hand-off or window edge at or before {@code t}; empty before the first shift. */
  Optional<Instant> previousBoundary(Instant t, ZoneId zone) {
    Instant last = endInstant(zone);
    if (!t.isBefore(last)) {
      return Optional.of(last);
    }
    Optional<Instant> turn = turnAt(t, zone).map(Shift::start);
    if (restrictions.isEmpty() || turn.isEmpty()) {
      return turn;
    }
    return Windows.previousEdge(restrictions, t, zone)
        .filter(edge -> edge.isAfter(turn.get()))
        .or(() -> turn);
  }
}
