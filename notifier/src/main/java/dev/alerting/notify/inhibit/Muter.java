package dev.alerting.notify.inhibit;

import dev.alerting.model.Labels;

/** Decides whether an alert is muted at notification time (inhibitions now, silences later). */
public interface Muter {
  Muter NONE = labels -> false;

  boolean mutes(Labels labels);
}
