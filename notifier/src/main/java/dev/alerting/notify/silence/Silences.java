package dev.alerting.notify.silence;

import dev.alerting.model.Labels;
import dev.alerting.notify.inhibit.Muter;
import dev.alerting.notify.timeinterval.TimeInterval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The silences every instance knows, and Alertmanager's rules for changing them. Changes are
 * computed, not applied: {@link #set} and {@link #expire} return the silences to persist, and the
 * caller applies them with {@link #apply} once they are durable (from the compacted topic), so an
 * instance's view is always what the topic says. Pure and single-threaded, clock supplied.
 */
public final class Silences implements Muter {
  /** Alertmanager's default {@code --data.retention}: how long expired silences stay visible. */
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(120);

  /** The result of a change: the id the client gets back and the records to persist. */
  public record Change(String id, List<Silence> writes) {
    public Change {
      writes = List.copyOf(writes);
    }
  }

  private final SilenceIndex index = new SilenceIndex();
  private final Supplier<String> ids;
  private volatile Map<String, List<TimeInterval>> timeIntervals = Map.of();

  public Silences() {
    this(() -> UUID.randomUUID().toString());
  }

  public Silences(Supplier<String> ids) {
    this.ids = ids;
  }

  /**
   * The routing file's {@code time_intervals}, which recurring silences name (set at start and on
   * every reload). A silence naming an interval the file no longer has mutes nothing: a removed
   * window lets notifications through rather than silencing them for good.
   */
  public void useTimeIntervals(Map<String, List<TimeInterval>> intervals) {
    this.timeIntervals = Map.copyOf(intervals);
  }

  /**
   * The state served and obeyed: the silence's lifecycle, except that a recurring silence between
   * its windows is pending (it will mute again at the next window).
   */
  public SilenceState state(Silence s, Instant now) {
    SilenceState life = s.state(now);
    if (life != SilenceState.ACTIVE || !s.extras().recurring()) {
      return life;
    }
    Map<String, List<TimeInterval>> known = timeIntervals;
    for (String name : s.extras().timeIntervals()) {
      List<TimeInterval> entries = known.get(name);
      if (entries != null && TimeInterval.anyContains(entries, now)) {
        return SilenceState.ACTIVE;
      }
    }
    return SilenceState.PENDING;
  }

  /** Applies a persisted silence (the latest version of its id). */
  public void apply(Silence s) {
    index.put(s);
  }

  /** Forgets a silence (a tombstone on the topic). */
  public void remove(String id) {
    index.remove(id);
  }

  public Silence get(String id) {
    return index.get(id);
  }

  public int size() {
    return index.size();
  }

  /**
   * Every silence, sorted as Alertmanager lists them: active by end, then pending by start, then
   * expired, most recently ended first.
   */
  public List<Silence> list(Instant now) {
    return sorted(index.all(), now);
  }

  /** Every silence whose extras ask to expire once its alerts resolved, active or not. */
  List<Silence> untilResolved() {
    return index.all().stream().filter(s -> s.extras().untilResolved()).toList();
  }

  private List<Silence> sorted(java.util.Collection<Silence> all, Instant now) {
    Comparator<Silence> order =
        Comparator.<Silence>comparingInt(s -> rank(state(s, now)))
            .thenComparing(
                (a, b) ->
                    switch (state(a, now)) {
                      case ACTIVE -> a.endsAt().compareTo(b.endsAt());
                      case PENDING -> a.startsAt().compareTo(b.startsAt());
                      case EXPIRED -> b.endsAt().compareTo(a.endsAt());
                    });
    return all.stream().sorted(order).toList();
  }

  private static int rank(SilenceState s) {
    return switch (s) {
      case ACTIVE -> 0;
      case PENDING -> 1;
      case EXPIRED -> 2;
    };
  }

  /** Ids of the active silences muting these labels. */
  public List<String> silencedBy(Labels labels, Instant now) {
    return index.matching(labels, s -> state(s, now) == SilenceState.ACTIVE);
  }

  @Override
  public boolean mutes(Labels labels, long nowMillis) {
    return !silencedBy(labels, Instant.ofEpochMilli(nowMillis)).isEmpty();
  }

  /**
   * Alertmanager's {@code Set}: an update that keeps the matchers and does not move an active
   * silence's start (nor a pending one's into the past) changes the silence in place; any other
   * update expires the old silence and creates a new one with a new id. A start in the past becomes
   * now.
   */
  public Change set(SilenceRequest r, Instant now) {
    if (!r.startsAt().isBefore(r.endsAt())) {
      throw new SilenceException(
          "Failed to create silence: start time must be before end time", false);
    }
    if (r.endsAt().isBefore(now)) {
      throw new SilenceException("Failed to create silence: end time can't be in the past", false);
    }
    for (String name : r.extras().timeIntervals()) {
      if (!timeIntervals.containsKey(name)) {
        throw new SilenceException(
            "silence invalid: time interval \"" + name + "\" is not defined in time_intervals",
            false);
      }
    }
    List<Silence> writes = new ArrayList<>();
    Silence prev = r.id().map(index::get).orElse(null);
    if (r.id().isPresent() && prev == null) {
      throw new SilenceException("silence not found", true);
    }
    if (prev != null && canUpdate(prev, r, now)) {
      writes.add(build(prev.id(), r, r.startsAt(), now));
      return new Change(prev.id(), writes);
    }
    if (prev != null && prev.state(now) != SilenceState.EXPIRED) {
      writes.add(expired(prev, now));
    }
    String id = ids.get();
    writes.add(build(id, r, r.startsAt().isBefore(now) ? now : r.startsAt(), now));
    return new Change(id, writes);
  }

  private static boolean canUpdate(Silence prev, SilenceRequest r, Instant now) {
    if (!prev.matchers().equals(r.matchers())) {
      return false;
    }
    return switch (prev.state(now)) {
      case ACTIVE -> r.startsAt().equals(prev.startsAt()) && !r.endsAt().isBefore(now);
      case PENDING -> !r.startsAt().isBefore(now);
      case EXPIRED -> false;
    };
  }

  private static Silence build(String id, SilenceRequest r, Instant starts, Instant now) {
    try {
      return new Silence(
          id, r.matchers(), starts, r.endsAt(), now, r.createdBy(), r.comment(), r.extras());
    } catch (IllegalArgumentException e) {
      throw new SilenceException(e.getMessage(), false);
    }
  }

  /**
   * Alertmanager's expire (DELETE): an active silence ends now, a pending one starts and ends now;
   * expiring an expired silence changes nothing.
   */
  public Change expire(String id, Instant now) {
    Silence s = index.get(id);
    if (s == null) {
      throw new SilenceException("silence not found", true);
    }
    if (s.state(now) == SilenceState.EXPIRED) {
      return new Change(id, List.of());
    }
    return new Change(id, List.of(expired(s, now)));
  }

  private static Silence expired(Silence s, Instant now) {
    Instant starts = s.state(now) == SilenceState.PENDING ? now : s.startsAt();
    return s.withTimes(starts, now, now);
  }

  /** Ids of silences expired for longer than the retention: to delete (tombstone). */
  public List<String> garbage(Instant now, Duration retention) {
    Instant limit = now.minus(retention);
    return index.all().stream().filter(s -> s.endsAt().isBefore(limit)).map(Silence::id).toList();
  }
}
