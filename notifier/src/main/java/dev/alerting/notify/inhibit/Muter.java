package dev.alerting.notify.inhibit;

import dev.alerting.model.Labels;
import java.util.List;

/**
 * Decides whether an alert is muted at notification time. Inhibition and silences are both Muters;
 * the notification path asks them in Alertmanager's order (inhibit, then silence).
 */
public interface Muter {
  Muter NONE = (labels, now) -> false;

  boolean mutes(Labels labels, long nowMillis);

  /** Muted when any of the muters, asked in order, mutes. */
  static Muter all(List<Muter> muters) {
    List<Muter> copy = List.copyOf(muters);
    return (labels, now) -> {
      for (Muter m : copy) {
        if (m.mutes(labels, now)) {
          return true;
        }
      }
      return false;
    };
  }
}
