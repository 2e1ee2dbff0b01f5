package dev.alerting.rule.alert;

import dev.alerting.model.alert.Alert;
import dev.alerting.promql.Locality;
import dev.alerting.promql.storage.MemorySeriesStore;
import dev.alerting.promql.storage.StoredSeries;
import dev.alerting.rule.expr.Element;
import dev.alerting.rule.expr.Expression;
import dev.alerting.rule.group.AlertingRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The bookkeeping that lets one alerting rule be evaluated on the series that changed: its result
 * elements kept per input series ({@link SeriesResults}, steady expressions) or per group of series
 * ({@link GroupResults}) and its alerts indexed by deadline and by producing element ({@link
 * AlertIndex}), so a decision steps only the alerts whose elements changed or whose timers are due.
 * Whenever that is not known the caller decides on the whole kept result and the index is rebuilt.
 */
final class IncrementalEvaluation {
  private final AlertingRule rule;
  private final AlertIndex index;
  private final long refreshMillis;
  // Kept results, for evaluateChanged only; null until its first call.
  private KeptResults perSeries;

  /** {@code refresh}: how long a group's kept elements may go without being evaluated. */
  IncrementalEvaluation(AlertingRule rule, AlertMap active, Duration refresh) {
    this.rule = rule;
    this.index = new AlertIndex(active, rule.holdDuration(), rule.keepFiringFor());
    this.refreshMillis = refresh.toMillis();
  }

  /**
   * Whether a rule with {@code expr} can keep its result per group between evaluations: its series
   * split into groups ({@link GroupResults}), or some aggregation's input does ({@link
   * AggregateResults}).
   */
  static boolean keepsGroups(Expression expr) {
    return expr.partition().filter(p -> !p.single()).isPresent() || AggregateResults.applies(expr);
  }

  /** The alerts changed outside the index (a whole decision, a reload, a restore): forget it. */
  void invalidate() {
    index.invalidate();
  }

  /**
   * Re-evaluates the series in {@code changed} (every selected one when the kept results are
   * incomplete); false when that failed and the rule must be evaluated in full.
   */
  boolean update(
      MemorySeriesStore store,
      Collection<? extends StoredSeries> changed,
      long atMillis,
      Function<Element, Candidate> expand) {
    if (perSeries == null) {
      Expression expr = rule.expr();
      if (expr.locality() == Locality.STEADY) {
        perSeries = new SeriesResults(expr);
      } else if (expr.partition().filter(p -> !p.single()).isPresent()) {
        perSeries = new GroupResults(expr, expr.partition().get(), refreshMillis);
      } else {
        perSeries = AggregateResults.of(expr, refreshMillis).orElseThrow();
      }
    }
    try {
      perSeries.update(store, changed, atMillis, expand);
      return true;
    } catch (RuntimeException e) {
      // Not expected of a steady expression, nor a sample stored ahead of the clock (warm, load);
      // the full evaluation decides and reports it.
      return false;
    }
  }

  /**
   * A tick with nothing stored since: brings the kept elements to the whole result at {@code
   * atMillis} (steady: drops those whose series left the lookback; groups: evaluates them all) and
   * returns true; false when nothing is kept and the rule must be evaluated in full.
   */
  boolean tick(MemorySeriesStore store, long atMillis, Function<Element, Candidate> expand) {
    return perSeries != null && perSeries.tick(store, atMillis, expand);
  }

  /** How many elements the kept result has. */
  int size() {
    return perSeries.size();
  }

  /**
   * Steps only the alerts the kept result's changes touch or whose timers are due at {@code at},
   * marking each in {@code changed}; returns their events, or null (and forgets the index) when the
   * index cannot say which alerts those are and the whole kept result must be decided.
   */
  List<Alert> stepChanged(AlertStateMachine machine, ChangedAlerts changed, Instant at) {
    if (index.valid() && !perSeries.reread()) {
      List<Tracked> examined = index.apply(perSeries.changes(), at);
      if (examined != null) {
        List<Alert> events = new ArrayList<>();
        for (Tracked t : examined) {
          // a superset of the alerts whose state or timers move (added, kept firing, due, gone)
          changed.mark(t.labels, machine.active().size());
          if (machine.step(t, t.producers > 0, at, events)) {
            machine.active().remove(t.labels);
            index.removed(t);
          } else {
            index.reschedule(t);
          }
        }
        return events;
      }
    }
    index.invalidate();
    return null;
  }

  /** The whole kept result. */
  List<Candidate> current() {
    return perSeries.current();
  }

  /** The whole kept result {@code current} was decided without error: index the alerts anew. */
  void decided(List<Candidate> current) {
    index.rebuild(current);
  }

  /**
   * The latest changes are decided. Kept until the next update they would hold each changed
   * element's previous candidate (and its annotations) alive for nothing.
   */
  void changesConsumed() {
    perSeries.changesConsumed();
  }

  /** The next update reads every series: samples were stored without being reported. */
  void forget() {
    if (perSeries != null) {
      perSeries.invalidate();
    }
  }
}
