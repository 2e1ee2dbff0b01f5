package dev.alerting.rule.expr;

import dev.alerting.promql.Locality;
import dev.alerting.promql.Partition;
import dev.alerting.promql.Requirements;
import dev.alerting.promql.engine.LabelMemo;
import dev.alerting.promql.storage.SeriesSource;
import java.util.List;
import java.util.Optional;

/**
 * A parsed rule expression. The engine only needs to know what an expression reads (to route
 * samples and bound the history it keeps) and what instant vector it yields at an instant; alert
 * state, templating and transport never look inside.
 */
public interface Expression {

  /** The expression as written in the rule file (shown by the API and used in generator URLs). */
  String text();

  /** Which series the expression selects and how much history it needs. */
  Requirements requirements();

  /**
   * Whether each result element comes from one input series, and whether it then changes only with
   * that series' samples: the engine evaluates a {@link Locality#STEADY} alerting rule only on the
   * series that changed.
   */
  Locality locality();

  /**
   * A label key that splits the expression's input series into independent groups, so the engine
   * can evaluate only the groups that changed (see {@link dev.alerting.promql.PromQL#partition});
   * empty when none is known.
   */
  default Optional<Partition> partition() {
    return Optional.empty();
  }

  /**
   * Evaluates at {@code atMillis} (event time). A scalar result is one element without labels, as
   * in Prometheus's rule evaluation.
   *
   * @throws RuntimeException when the data makes the expression fail (e.g. many-to-many matching)
   */
  List<Element> evaluate(SeriesSource source, long atMillis);

  /**
   * As {@link #evaluate(SeriesSource, long)} for a caller that evaluates this expression again and
   * again and keeps {@code memo} for it, so label sets derived from the same series are reused.
   */
  default List<Element> evaluate(SeriesSource source, long atMillis, LabelMemo memo) {
    return evaluate(source, atMillis);
  }
}
