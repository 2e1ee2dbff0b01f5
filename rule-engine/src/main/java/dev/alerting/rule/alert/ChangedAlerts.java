package dev.alerting.rule.alert;

import dev.alerting.model.Labels;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The labels of a rule's alerts whose state or timers may have changed since their one consumer
 * (the checkpoint) last took them, or "unknown". The incremental state machine marks the few alerts
 * it examines; anything that touches the alerts wholesale (a whole evaluation, a reload, a restore)
 * makes it unknown, and so does a consumer that falls too far behind (the marks stay bounded by the
 * alerts held), so the consumer then compares every alert once.
 */
final class ChangedAlerts {
  // Marks beyond the alerts held are mostly alerts gone since; past this the set is dropped.
  private static final int SLACK = 1024;

  private final Set<Labels> labels = new LinkedHashSet<>();
  // Unknown until first taken: a consumer that never took them knows nothing of the alerts.
  private boolean unknown = true;

  /** Notes that the alert with {@code alert} labels may have changed (or gone). */
  void mark(Labels alert, int alertsHeld) {
    if (!unknown && labels.add(alert) && labels.size() > alertsHeld + SLACK) {
      markAll();
    }
  }

  /** Every alert may have changed. */
  void markAll() {
    unknown = true;
    labels.clear();
  }

  /**
   * Whether the marks are known; either way they are reset to known and empty by {@link #clear}.
   */
  boolean known() {
    return !unknown;
  }

  Iterable<Labels> marked() {
    return labels;
  }

  void clear() {
    unknown = false;
    labels.clear();
  }
}
