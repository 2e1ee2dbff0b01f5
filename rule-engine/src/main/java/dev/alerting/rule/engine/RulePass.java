package dev.alerting.rule.engine;

import dev.alerting.model.alert.Alert;
import dev.alerting.model.sample.Sample;
import dev.alerting.promql.storage.MemorySeriesStore;
import java.util.ArrayList;
import java.util.List;

/**
 * One evaluation pass over the rules at an instant: evaluates, in order, the rules a change touched
 * (or all), writes what they record or alert back into the series store and marks the later rules
 * that read it. Counts the evaluations and refusals of every pass and collects the rules that start
 * or stop exceeding their series limit.
 */
final class RulePass {
  private final MemorySeriesStore store;
  private final boolean writeAlertSeries;
  private final List<SeriesLimitChange> limitChanges = new ArrayList<>();
  private long evaluations;
  private long refusals;

  RulePass(MemorySeriesStore store, boolean writeAlertSeries) {
    this.store = store;
    this.writeAlertSeries = writeAlertSeries;
  }

  /**
   * Evaluates, in order, the rules set in {@code touched} (all when null) at {@code t}; what a rule
   * writes marks the later rules that read it. Alerting rules are skipped unless {@code alerting}.
   */
  List<Alert> run(RuleSet rules, long t, Touched touched, boolean alerting) {
    List<Alert> events = new ArrayList<>();
    List<RuleSet.Slot> slots = rules.slots;
    for (int i = 0; i < slots.size(); i++) {
      if (touched != null && !touched.has(i)) {
        continue;
      }
      RuleSet.Slot slot = slots.get(i);
      List<Sample> out;
      if (slot.recording != null) {
        evaluations++;
        out = slot.recording.evaluate(store, t);
        noteRefused(slot, slot.recording.refused(), slot.recording.lastError());
      } else if (alerting) {
        evaluations++;
        // A tick (touched == null) stores no samples: rules evaluated per series use what they
        // keep.
        events.addAll(
            !slot.perSeries
                ? slot.alerting.evaluate(store, t)
                : touched != null
                    ? slot.alerting.evaluateChanged(store, touched.series(i), t)
                    : slot.alerting.evaluateKept(store, t));
        noteRefused(slot, slot.alerting.refused(), slot.alerting.lastError());
        out =
            rules.readsAlerts || writeAlertSeries ? RuleOutput.alertSeries(slot.alerting, t) : null;
      } else {
        out = null;
      }
      if (out != null) {
        int next = i + 1;
        slot.output.write(
            out,
            t,
            s -> {
              store.append(s);
              if (touched != null) {
                rules.mark(store.find(s.series()), touched, next);
              }
            });
      }
    }
    return events;
  }

  private void noteRefused(RuleSet.Slot slot, boolean refused, String error) {
    if (refused) {
      refusals++;
    }
    SeriesLimitChange change = slot.noteRefused(refused, error);
    if (change != null) {
      limitChanges.add(change);
    }
  }

  /** How many rule evaluations ran so far. */
  long evaluations() {
    return evaluations;
  }

  /** How many rule evaluations were refused for exceeding their series limit. */
  long refusals() {
    return refusals;
  }

  /** The series-limit changes since the last call. */
  List<SeriesLimitChange> takeSeriesLimitChanges() {
    List<SeriesLimitChange> out = List.copyOf(limitChanges);
    limitChanges.clear();
    return out;
  }
}
