package dev.alerting.incident.store;

import dev.alerting.incident.escalation.EscalationPolicy;
import dev.alerting.incident.lifecycle.Incident;
import java.time.Instant;

/**
 * An incident a batch works on: as the database holds it ({@code stored}, null until inserted) and
 * as the batch has changed it so far ({@code current}). {@link IncidentWrites} saves the difference
 * with set-based statements and then makes both the same.
 */
final class Tracked {
  Incident stored;
  Incident current;
  final String groupKey;

  /** Orders incidents as their ids will: stored ones by id, new ones after all of them. */
  final long rank;

  /** An escalation chain to (re)start at the next flush, and when; null when none. */
  EscalationPolicy restart;

  Instant restartAt;

  private Tracked(Incident stored, Incident current, String groupKey, long rank) {
    this.stored = stored;
    this.current = current;
    this.groupKey = groupKey;
    this.rank = rank;
  }

  /** An incident loaded (and locked) from the database. */
  static Tracked loaded(Incident incident) {
    return new Tracked(incident, incident, null, incident.id());
  }

  /** The {@code nth} new incident of a batch, not yet inserted. */
  static Tracked created(Incident incident, String groupKey, int nth) {
    return new Tracked(null, incident, groupKey, Long.MAX_VALUE / 2 + nth);
  }

  boolean isNew() {
    return stored == null;
  }

  boolean isDirty() {
    return stored != current;
  }

  long id() {
    return current.id();
  }

  void restartEscalation(EscalationPolicy policy, Instant at) {
    restart = policy;
    restartAt = at;
  }
}
