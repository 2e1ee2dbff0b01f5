package dev.alerting.rule.engine;

import dev.alerting.rule.alert.ActiveAlert;
import java.util.Objects;

/**
 * One pending or firing alert as a checkpoint holds it: the {@link
 * dev.alerting.rule.group.RuleIdentity#key() rule key} it belongs to, its fingerprint on the alerts
 * topic, the rule's expression (for the generator URL of a resolution after the rule is gone) and
 * the alert itself.
 */
public record SavedAlert(String ruleKey, String fingerprint, String expr, ActiveAlert alert) {
  public SavedAlert {
    Objects.requireNonNull(ruleKey, "ruleKey");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(alert, "alert");
    expr = Objects.requireNonNullElse(expr, "");
  }

  /** The checkpoint record key: unique per rule and alert. */
  public String key() {
    return ruleKey + "/" + fingerprint;
  }
}
