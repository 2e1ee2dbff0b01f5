package dev.alerting.rule.engine;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.rule.alert.ActiveAlert;
import dev.alerting.rule.alert.AlertingRuleState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The series one rule writes back into the store (recorded samples, or {@code ALERTS} and {@code
 * ALERTS_FOR_STATE}), remembering what the previous evaluation wrote so that a series the rule no
 * longer produces gets a staleness marker, as Prometheus's rule group does.
 */
final class RuleOutput {
  static final String ALERTS = "ALERTS";
  static final String ALERTS_FOR_STATE = "ALERTS_FOR_STATE";
  private static final double STALE = Double.longBitsToDouble(Sample.STALE_NAN_BITS);

  private Set<Labels> previous = new HashSet<>();

  /**
   * Writes {@code samples} and stale markers at {@code atMillis}; {@code written} sees every series
   * touched.
   */
  void write(List<Sample> samples, long atMillis, Consumer<Sample> written) {
    Set<Labels> current = new HashSet<>();
    for (Sample s : samples) {
      current.add(s.series());
      written.accept(s);
    }
    for (Labels gone : previous) {
      if (!current.contains(gone)) {
        written.accept(new Sample(gone, STALE, atMillis));
      }
    }
    previous = current;
  }

  /** Stale markers for everything the rule wrote last, because the rule itself is gone. */
  void retire(long atMillis, Consumer<Sample> written) {
    write(List.of(), atMillis, written);
  }

  /** Carries over what a rule kept across a reload wrote before. */
  void adopt(RuleOutput old) {
    previous = old.previous;
  }

  /**
   * Prometheus's alert series for every pending or firing alert: {@code ALERTS{alertstate}} = 1 and
   * {@code ALERTS_FOR_STATE} = when the alert became active, in seconds.
   */
  static List<Sample> alertSeries(AlertingRuleState state, long atMillis) {
    List<Sample> out = new ArrayList<>();
    for (ActiveAlert a : state.alerts()) {
      Labels labels = a.labels();
      out.add(
          new Sample(
              labels.with(Labels.METRIC_NAME, ALERTS).with("alertstate", a.state().wire()),
              1,
              atMillis));
      out.add(
          new Sample(
              labels.with(Labels.METRIC_NAME, ALERTS_FOR_STATE),
              a.activeAt().getEpochSecond(),
              atMillis));
    }
    return out;
  }
}
