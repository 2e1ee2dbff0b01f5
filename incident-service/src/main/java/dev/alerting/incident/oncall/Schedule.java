package dev.alerting.incident.oncall;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A named on-call schedule: rotation layers in a time zone, and overrides on top. At any instant
 * the latest override covering it wins; otherwise the last layer that has someone then (a later
 * layer wins where it has someone, as PagerDuty's layers do).
 */
public record Schedule(
    String name, ZoneId zone, List<Rotation> rotations, List<ScheduleOverride> overrides) {
  /** How many hand-offs a bounds search walks before it gives up and reports where it got to. */
  private static final int MAX_WALK = 10_000;

  public Schedule {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a schedule needs a name");
    }
    Objects.requireNonNull(zone, "zone");
    rotations = List.copyOf(rotations);
    if (rotations.isEmpty()) {
      throw new IllegalArgumentException("a schedule needs at least one rotation");
    }
    overrides = List.copyOf(overrides);
  }

  public Schedule withOverrides(List<ScheduleOverride> more) {
    List<ScheduleOverride> all = new ArrayList<>(overrides);
    all.addAll(more);
    return new Schedule(name, zone, rotations, all);
  }

  /**
   * Who is on call at {@code t}, and from when to when without a change of person (hand-offs to the
   * same person are merged); empty when nobody is.
   */
  public Optional<Shift> onCall(Instant t) {
    String user = who(t);
    if (user == null) {
      return Optional.empty();
    }
    return Optional.of(new Shift(user, segmentStart(t, user), segmentEnd(t, user)));
  }

  /** The shifts that overlap {@code [from, to)}, in order, clipped to the range. */
  public List<Shift> shifts(Instant from, Instant to) {
    List<Shift> out = new ArrayList<>();
    Instant t = from;
    while (t.isBefore(to)) {
      String user = who(t);
      Instant end = segmentEnd(t, user);
      Instant clipped = end.isAfter(to) ? to : end;
      if (user != null) {
        out.add(new Shift(user, t, clipped));
      }
      t = clipped;
    }
    return out;
  }

  /** The user on call at {@code t}, or null. */
  String who(Instant t) {
    for (int i = overrides.size() - 1; i >= 0; i--) {
      if (overrides.get(i).covers(t)) {
        return overrides.get(i).user();
      }
    }
    for (int i = rotations.size() - 1; i >= 0; i--) {
      Optional<Shift> s = rotations.get(i).at(t, zone);
      if (s.isPresent()) {
        return s.get().user();
      }
    }
    return null;
  }

  private Instant segmentEnd(Instant t, String user) {
    Instant at = t;
    for (int i = 0; i < MAX_WALK; i++) {
      Instant next = nextChange(at);
      if (!next.isBefore(Rotation.NEVER) || !Objects.equals(who(next), user)) {
        return next;
      }
      at = next;
    }
    return at;
  }

  private Instant segmentStart(Instant t, String user) {
    Instant at = t;
    for (int i = 0; i < MAX_WALK; i++) {
      Optional<Instant> previous = previousChange(at);
      if (previous.isEmpty()) {
        return at;
      }
      Instant before = previous.get().minusNanos(1);
      if (!Objects.equals(who(before), user)) {
        return previous.get();
      }
      at = before;
    }
    return at;
  }

  /** The earliest hand-off or override edge strictly after {@code t}. */
  private Instant nextChange(Instant t) {
    Instant best = null;
    for (Rotation r : rotations) {
      best = earlier(best, r.nextBoundary(t, zone));
    }
    for (ScheduleOverride o : overrides) {
      if (o.start().isAfter(t)) {
        best = earlier(best, o.start());
      }
      if (o.end().isAfter(t)) {
        best = earlier(best, o.end());
      }
    }
    return best;
  }

  /** The latest hand-off or override edge at or before {@code t}. */
  private Optional<Instant> previousChange(Instant t) {
    Instant best = null;
    for (Rotation r : rotations) {
      Optional<Instant> b = r.previousBoundary(t, zone);
      if (b.isPresent()) {
        best = later(best, b.get());
      }
    }
    for (ScheduleOverride o : overrides) {
      if (!o.start().isAfter(t)) {
        best = later(best, o.start());
      }
      if (!o.end().isAfter(t)) {
        best = later(best, o.end());
      }
    }
    return Optional.ofNullable(best);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}
