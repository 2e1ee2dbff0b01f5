package dev.alerting.rule.engine;

import dev.alerting.model.alert.Alert;
import java.util.List;

/**
 * What replacing the rules did: how many alerting rules kept their state, started fresh or went
 * away, and the resolved events of the alerts that went with them.
 */
public record Reload(int kept, int added, int removed, List<Alert> events) {
  public Reload {
    events = List.copyOf(events);
  }
}
