package dev.alerting.notify.inhibit;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the inhibit rules against the alerts currently firing. Like Alertmanager, an alert that
 * matches both sides of a rule is not inhibited by sources that also match the target side, so a
 * rule cannot make alerts of one kind mute each other.
 */
public final class Inhibitor implements Muter {
  private final List<InhibitRule> rules;
  private final Map<String, Alert> firing = new HashMap<>();

  public Inhibitor(List<InhibitRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Records an alert event: firing alerts can inhibit, resolved ones no longer do. */
  public void observe(Alert alert) {
    if (rules.isEmpty()) {
      return;
    }
    if (alert.isFiring()) {
      firing.put(alert.fingerprint(), alert);
    } else {
      firing.remove(alert.fingerprint());
    }
  }

  /** Forgets an alert: it no longer inhibits. */
  public void forget(String fingerprint) {
    firing.remove(fingerprint);
  }

  @Override
  public boolean mutes(Labels target, long nowMillis) {
    return !inhibitedBy(target, true).isEmpty();
  }

  /** Fingerprints of the firing alerts inhibiting the target (Alertmanager's inhibitedBy). */
  public List<String> inhibitedBy(Labels target) {
    return inhibitedBy(target, false);
  }

  private List<String> inhibitedBy(Labels target, boolean first) {
    List<String> out = new java.util.ArrayList<>(0);
    String targetFp = target.fingerprintHex();
    for (InhibitRule r : rules) {
      if (!r.matchesTarget(target)) {
        continue;
      }
      boolean twoSided = r.matchesSource(target);
      for (Alert source : firing.values()) {
        Labels s = source.labels();
        if (source.fingerprint().equals(targetFp) || !r.matchesSource(s) || !r.equalOn(s, target)) {
          continue;
        }
        if (twoSided && r.matchesTarget(s)) {
          continue;
        }
        if (!out.contains(source.fingerprint())) {
          out.add(source.fingerprint());
        }
        if (first) {
          return out;
        }
      }
    }
    return out;
  }

  /** The firing alerts that may inhibit (for restoring and for the API). */
  public java.util.Collection<Alert> sources() {
    return java.util.Collections.unmodifiableCollection(firing.values());
  }
}
