package dev.alerting.rule.expr;

import dev.alerting.model.Matcher;
import java.util.List;

/**
 * A parsed rule expression: the seam the PromQL evaluator plugs into. The engine only needs to know
 * which series an expression reads (to decide which rules a sample concerns) and what instant
 * vector it yields at an instant; alert state, templating and transport never look inside.
 */
public interface Expression {

  /** The expression as written in the rule file (shown by the API and used in generator URLs). */
  String text();

  /**
   * The vector selectors the expression reads, each a list of matchers (including the
   * {@code __name__} matcher when the selector names a metric). A sample concerns the rule when it
   * matches one of them.
   */
  List<List<Matcher>> selectors();

  /** Evaluates at {@code atMillis} (event time) against the engine's series state. */
  List<Element> evaluate(SeriesSource source, long atMillis);
}
