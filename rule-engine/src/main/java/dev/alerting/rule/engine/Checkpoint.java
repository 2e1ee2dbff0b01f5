package dev.alerting.rule.engine;

import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.rule.alert.ActiveAlert;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.alert.AlertState;
import dev.alerting.rule.alert.AlertingRuleState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Alert state back from a checkpoint: what {@link RuleEngine#restore} does. */
final class Checkpoint {
  private Checkpoint() {}

  /** Restores saved alerts into {@code rules}; answers the resolves of rules that are gone. */
  static List<Alert> restore(
      RuleSet rules, AlertContext context, Long clockMillis, Collection<SavedAlert> saved) {
    List<Alert> events = new ArrayList<>();
    for (SavedAlert a : saved) {
      AlertingRuleState state = rules.byKey.get(a.ruleKey());
      if (state != null) {
        state.restore(a.alert());
      } else if (a.alert().state() == AlertState.FIRING) {
        ActiveAlert x = a.alert();
        events.add(
            new Alert(
                AlertStatus.RESOLVED,
                context.withExternalLabels(x.labels()),
                x.annotations(),
                x.activeAt(),
                clockMillis != null ? Instant.ofEpochMilli(clockMillis) : x.firedAt(),
                context.generatorUrl(a.expr())));
      }
    }
    return events;
  }
}
