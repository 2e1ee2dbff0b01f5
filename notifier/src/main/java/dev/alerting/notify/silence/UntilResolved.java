package dev.alerting.notify.silence;

import dev.alerting.model.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides when a silence marked {@code untilResolved} expires: once it has matched a firing alert
 * while active (it is armed) and no firing alert matches it any more. A silence nothing has matched
 * yet waits for its first alert, bounded by its {@code endsAt}. Arming is kept in memory: it is
 * re-derived from the alert view on restart, whose resolves carry the time they happened, so an
 * alert that resolved while the notifier was down still expires its silence. Pure and
 * single-threaded: the caller supplies the firing alerts and the clock, and writes the expiries.
 */
public final class UntilResolved {
  private final Silences silences;
  private final Set<String> armed = new HashSet<>();

  public UntilResolved(Silences silences) {
    this.silences = silences;
  }

  /**
   * An alert with these labels resolved at {@code at}: arms every until-resolved silence that
   * matches it and was active then (so the resolve of an alert older than the silence does not).
   */
  public void resolved(Labels labels, Instant at) {
    for (Silence s : silences.untilResolved()) {
      if (s.state(at) == SilenceState.ACTIVE && s.matches(labels)) {
        armed.add(s.id());
      }
    }
  }

  /** As {@link #due(Collection, Instant)}; asks for the firing alerts only when a silence waits. */
  public List<String> due(Supplier<? extends Collection<Labels>> firing, Instant now) {
    if (silences.untilResolved().isEmpty()) {
      armed.clear();
      return List.of();
    }
    return due(firing.get(), now);
  }

  /**
   * Arms the active until-resolved silences some firing alert matches, and returns the ids of those
   * armed that none matches any more: the silences to expire now.
   */
  public List<String> due(Collection<Labels> firing, Instant now) {
    List<String> out = new ArrayList<>();
    Set<String> present = new HashSet<>();
    for (Silence s : silences.untilResolved()) {
      present.add(s.id());
      if (s.state(now) != SilenceState.ACTIVE) {
        armed.remove(s.id());
        continue;
      }
      boolean matched = firing.stream().anyMatch(s::matches);
      if (matched) {
        armed.add(s.id());
      } else if (armed.contains(s.id())) {
        // Stays armed until the expiry is applied, so a failed write is tried again next time.
        out.add(s.id());
      }
    }
    armed.retainAll(present);
    return out;
  }

  boolean isArmed(String id) {
    return armed.contains(id);
  }
}
