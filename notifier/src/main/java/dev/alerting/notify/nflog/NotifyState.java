package dev.alerting.notify.nflog;

import java.util.Set;

/**
 * What one integration of a group was last notified about (Alertmanager's notification log entry):
 * the firing and resolved fingerprints and when.
 */
public record NotifyState(Set<String> firing, Set<String> resolved, long atMillis) {
  public NotifyState {
    firing = Set.copyOf(firing);
    resolved = Set.copyOf(resolved);
  }

  /**
   * Alertmanager's dedup decision ({@code DedupStage.needsUpdate}): new firing alerts always
   * notify; an all-resolved group notifies once so the receiver learns it is clear; newly resolved
   * alerts notify only integrations with send_resolved; otherwise only the repeat interval does.
   */
  public static boolean needsUpdate(
      NotifyState last,
      Set<String> firing,
      Set<String> resolved,
      boolean sendResolved,
      long repeatMillis,
      long now) {
    if (last == null) {
      return !firing.isEmpty();
    }
    if (!last.firing.containsAll(firing)) {
      return true;
    }
    if (firing.isEmpty()) {
      return !last.firing.isEmpty();
    }
    if (sendResolved && !last.resolved.containsAll(resolved)) {
      return true;
    }
    return last.atMillis + repeatMillis <= now;
  }
}
