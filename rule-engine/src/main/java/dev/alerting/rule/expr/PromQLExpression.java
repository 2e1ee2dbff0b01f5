package dev.alerting.rule.expr;

import dev.alerting.promql.Locality;
import dev.alerting.promql.Partition;
import dev.alerting.promql.PromQL;
import dev.alerting.promql.Requirements;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.LabelMemo;
import dev.alerting.promql.storage.SeriesSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rule expression backed by the PromQL core; its requirements, locality and partition are
 * computed once at parse time.
 */
public record PromQLExpression(
    String text,
    Expr expr,
    Requirements requirements,
    Locality locality,
    Optional<Partition> partition)
    implements Expression {

  /** {@code expr}, parsed from {@code text}, with its requirements, locality and partition. */
  public PromQLExpression(String text, Expr expr) {
    this(text, expr, PromQL.requirements(expr), PromQL.locality(expr), PromQL.partition(expr));
  }

  @Override
  public List<Element> evaluate(SeriesSource source, long atMillis) {
    return elements(PromQL.evaluateVector(expr, atMillis, source));
  }

  @Override
  public List<Element> evaluate(SeriesSource source, long atMillis, LabelMemo memo) {
    return elements(PromQL.evaluateVector(expr, atMillis, source, memo));
  }

  /**
   * As {@link #evaluate(SeriesSource, long)}, each subexpression that is a key of {@code given} (by
   * identity) being the vector given there (see {@link PromQL#aggregatedInputs}).
   */
  public List<Element> evaluate(
      SeriesSource source, long atMillis, Map<Expr, List<InstantSample>> given) {
    return elements(PromQL.evaluateVector(expr, atMillis, source, given));
  }

  private static List<Element> elements(List<InstantSample> samples) {
    List<Element> out = new ArrayList<>(samples.size());
    for (InstantSample s : samples) {
      out.add(new Element(s.labels(), s.value(), s.histogram()));
    }
    return out;
  }
}
