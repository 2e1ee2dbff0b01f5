package dev.alerting.notify.api.v2;

import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's client contract for posted alerts, turned into the state-change events the rule
 * engine writes: an alert is firing until its {@code endsAt} (or {@code resolve_timeout} after the
 * post when it has none); senders re-post firing alerts every minute or so, and a re-post that
 * changes nothing but the end is no event; an alert whose end passes without a re-post resolves
 * once. Pure: the caller publishes the returned events and supplies the clock.
 */
final class PostedAlerts {
  /** How long a resolved alert is remembered, so senders' repeated resolves stay silent. */
  static final Duration FORGET_RESOLVED_AFTER = Duration.ofHours(1);

  /** What was last published for an alert, and when it ends unless posted again. */
  private record Tracked(Alert published, Instant deadline) {}

  /** One posted alert after defaults: its labels etc. and when it ends. */
  record Posted(Alert alert, Instant endsAt) {}

  private final Map<String, Tracked> tracked = new HashMap<>();

  /** The events a batch of posted alerts causes, in order. */
  List<Alert> receive(List<Posted> batch, Instant now) {
    List<Alert> events = new ArrayList<>();
    for (Posted p : batch) {
      Alert a = p.alert();
      Tracked prev = tracked.get(a.fingerprint());
      boolean wasFiring = prev != null && prev.published().isFiring();
      Instant startsAt = wasFiring ? prev.published().startsAt() : a.startsAt();
      if (p.endsAt().isAfter(now)) {
        Alert event =
            new Alert(
                AlertStatus.FIRING, a.labels(), a.annotations(), startsAt, null, a.generatorUrl());
        if (!event.equals(wasFiring ? prev.published() : null)) {
          events.add(event);
        }
        tracked.put(a.fingerprint(), new Tracked(event, p.endsAt()));
      } else if (prev == null || wasFiring) {
        Alert event = resolved(a, startsAt, p.endsAt());
        events.add(event);
        tracked.put(a.fingerprint(), new Tracked(event, p.endsAt()));
      }
    }
    return events;
  }

  private static Alert resolved(Alert a, Instant startsAt, Instant endsAt) {
    Instant ends = endsAt.isBefore(startsAt) ? startsAt : endsAt;
    return new Alert(
        AlertStatus.RESOLVED, a.labels(), a.annotations(), startsAt, ends, a.generatorUrl());
  }

  /** Resolves the firing alerts whose end passed without a re-post; forgets old resolves. */
  List<Alert> expire(Instant now) {
    List<Alert> events = new ArrayList<>();
    for (Iterator<Map.Entry<String, Tracked>> it = tracked.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Tracked> e = it.next();
      Tracked t = e.getValue();
      if (t.published().isFiring() && !t.deadline().isAfter(now)) {
        Alert event = resolved(t.published(), t.published().startsAt(), t.deadline());
        events.add(event);
        e.setValue(new Tracked(event, t.deadline()));
      } else if (!t.published().isFiring()
          && t.deadline().plus(FORGET_RESOLVED_AFTER).isBefore(now)) {
        it.remove();
      }
    }
    return events;
  }

  /** Forgets what was decided for these alerts: their events did not reach the topic. */
  void forget(List<Alert> events) {
    events.forEach(e -> tracked.remove(e.fingerprint()));
  }

  int size() {
    return tracked.size();
  }
}
