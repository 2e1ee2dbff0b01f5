package dev.alerting.rule.engine;

import dev.alerting.model.alert.Alert;
import dev.alerting.model.sample.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The handover from one rule set to its replacement (a reload): a rule whose {@link
 * dev.alerting.rule.group.RuleIdentity} is unchanged passes its alerts, written series and refusal
 * on; a rule that is gone resolves its firing alerts and retires its written series; a new or
 * changed rule is noted as {@link #fresh()}, to be evaluated at once.
 */
final class RuleHandover {
  private final Touched fresh = new Touched();
  private final List<Alert> events = new ArrayList<>();
  private int kept;
  private int added;
  private int removed;

  /**
   * Hands {@code current} over to {@code next}; {@code now} is the engine's clock (null before the
   * first sample or tick), and {@code written} stores the stale markers of retired series.
   */
  RuleHandover(RuleSet current, RuleSet next, Instant now, Consumer<Sample> written) {
    Map<String, RuleSet.Slot> previous = new LinkedHashMap<>();
    current.slots.forEach(s -> previous.putIfAbsent(s.key, s));
    for (int i = 0; i < next.slots.size(); i++) {
      RuleSet.Slot slot = next.slots.get(i);
      RuleSet.Slot old = previous.remove(slot.key);
      if (old != null) {
        slot.output.adopt(old.output);
        slot.refused = old.refused;
        if (slot.alerting != null) {
          slot.alerting.adopt(old.alerting);
          kept++;
        }
      } else {
        fresh.rule(i);
        added += slot.alerting != null ? 1 : 0;
      }
    }
    for (RuleSet.Slot gone : previous.values()) {
      if (gone.alerting != null) {
        events.addAll(gone.alerting.resolveAll(now));
        removed++;
      }
      if (now != null) {
        gone.output.retire(now.toEpochMilli(), written);
      }
    }
  }

  /** The rules of the new set that start fresh (new or changed). */
  Touched fresh() {
    return fresh;
  }

  /** The reload's outcome, with {@code evaluated}: the events of evaluating the fresh rules. */
  Reload result(List<Alert> evaluated) {
    events.addAll(evaluated);
    return new Reload(kept, added, removed, events);
  }
}
