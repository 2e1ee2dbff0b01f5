package dev.alerting.incident.oncall;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The instants a rotation's restrictions cover around a given instant: each window's occurrences in
 * the weeks around it, placed in the zone (a local time in a skipped hour moves forward by the gap,
 * in a repeated hour takes the earlier offset), overlapping ones merged.
 */
final class Windows {
  /** One stretch of covered time, {@code [start, end)}. */
  record Span(Instant start, Instant end) {
    boolean covers(Instant t) {
      return !t.isBefore(start) && t.isBefore(end);
    }
  }

  private Windows() {}

  /** The merged spans that start within about two weeks around {@code t}, in order. */
  static List<Span> around(List<Restriction> restrictions, Instant t, ZoneId zone) {
    LocalDate today = t.atZone(zone).toLocalDate();
    List<Span> raw = new ArrayList<>();
    for (Restriction r : restrictions) {
      LocalDate first = today.minusDays(14).with(TemporalAdjusters.nextOrSame(r.day()));
      for (LocalDate d = first; !d.isAfter(today.plusDays(8)); d = d.plusWeeks(1)) {
        LocalDateTime from = d.atTime(r.start());
        Instant start = from.atZone(zone).toInstant();
        Instant end = from.plus(r.length()).atZone(zone).toInstant();
        if (end.isAfter(start)) {
          raw.add(new Span(start, end));
        }
      }
    }
    raw.sort(Comparator.comparing(Span::start));
    List<Span> merged = new ArrayList<>();
    for (Span s : raw) {
      Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && !s.start().isAfter(last.end())) {
        merged.set(
            merged.size() - 1,
            new Span(last.start(), s.end().isAfter(last.end()) ? s.end() : last.end()));
      } else {
        merged.add(s);
      }
    }
    return merged;
  }

  /** The span covering {@code t}, if any. */
  static Optional<Span> at(List<Restriction> restrictions, Instant t, ZoneId zone) {
    return around(restrictions, t, zone).stream().filter(s -> s.covers(t)).findFirst();
  }

  /** The first window edge strictly after {@code t}. */
  static Instant nextEdge(List<Restriction> restrictions, Instant t, ZoneId zone) {
    Instant best = Rotation.NEVER;
    for (Span s : around(restrictions, t, zone)) {
      for (Instant edge : new Instant[] {s.start(), s.end()}) {
        if (edge.isAfter(t) && edge.isBefore(best)) {
          best = edge;
        }
      }
    }
    return best;
  }

  /** The last window edge at or before {@code t}, if one is near. */
  static Optional<Instant> previousEdge(List<Restriction> restrictions, Instant t, ZoneId zone) {
    Instant best = null;
    for (Span s : around(restrictions, t, zone)) {
      for (Instant edge : new Instant[] {s.start(), s.end()}) {
        if (!edge.isAfter(t) && (best == null || edge.isAfter(best))) {
          best = edge;
        }
      }
    }
    return Optional.ofNullable(best);
  }
}
