package dev.alerting.promql;

import dev.alerting.model.Labels;
import dev.alerting.promql.ast.At;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.ast.Exprs;
import dev.alerting.promql.ast.Subquery;
import dev.alerting.promql.ast.ValueType;
import dev.alerting.promql.ast.VectorSelector;
import dev.alerting.promql.engine.Evaluator;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.LabelMemo;
import dev.alerting.promql.engine.Value;
import dev.alerting.promql.storage.SeriesSource;
import dev.alerting.promql.syntax.ParseException;
import dev.alerting.promql.syntax.ParseLimits;
import dev.alerting.promql.syntax.Parser;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facade the rule engine uses: parse a rule expression, evaluate it at an instant, ask what it
 * needs.
 */
public final class PromQL {
  private PromQL() {}

  /**
   * Parses a rule expression. Besides syntax, rejects range-vector and string results, which a rule
   * cannot produce.
   *
   * @throws ParseException with the 0-based position of the problem
   */
  public static Expr parse(String text) {
    return parse(text, ParseLimits.DEFAULT);
  }

  /** As {@link #parse(String)}, within {@code limits} on length and nesting depth. */
  public static Expr parse(String text, ParseLimits limits) {
    Expr e = Parser.parse(text, limits);
    if (e.type() != ValueType.VECTOR && e.type() != ValueType.SCALAR) {
      throw new ParseException(
          "expression must evaluate to an instant vector or scalar, got " + e.type().display(),
          e.position());
    }
    Exprs.walk(e, PromQL::rejectFixedAt);
    return e;
  }

  /**
   * A rule engine keeps only the window behind the evaluation time its rules read, so {@code @
   * <time>} (a fixed instant, soon outside it) is refused; {@code @ start()} and {@code @ end()}
   * are a rule's evaluation time and fine.
   */
  private static void rejectFixedAt(Expr e) {
    At at = null;
    if (e instanceof VectorSelector v) {
      at = v.at();
    } else if (e instanceof Subquery s) {
      at = s.at();
    }
    if (at != null && at.kind() == At.Kind.TIME) {
      throw new ParseException(
          "@ with a fixed time is not supported in rules (the engine keeps only the recent samples"
              + " rules read); @ start() and @ end() are the evaluation time",
          e.position());
    }
  }

  /**
   * Evaluates at epoch milliseconds {@code t}; the result is a {@link Value.Vector} or {@link
   * Value.Scalar}.
   */
  public static Value evaluate(Expr expr, long t, SeriesSource source) {
    return Evaluator.instant(expr, t, source);
  }

  /** As Prometheus's rule evaluation: a scalar result becomes one element with no labels. */
  public static List<InstantSample> evaluateVector(Expr expr, long t, SeriesSource source) {
    Value v = evaluate(expr, t, source);
    if (v instanceof Value.Scalar s) {
      return List.of(new InstantSample(Labels.empty(), s.value(), t));
    }
    return ((Value.Vector) v).samples();
  }

  /**
   * As {@link #evaluateVector(Expr, long, SeriesSource)}, keeping derived label sets in {@code
   * memo} for the next evaluation of the same expression.
   */
  public static List<InstantSample> evaluateVector(
      Expr expr, long t, SeriesSource source, LabelMemo memo) {
    Value v = Evaluator.instant(expr, t, source, memo);
    if (v instanceof Value.Scalar s) {
      return List.of(new InstantSample(Labels.empty(), s.value(), t));
    }
    return ((Value.Vector) v).samples();
  }

  /**
   * As {@link #evaluateVector(Expr, long, SeriesSource)}, but each subexpression that is a key of
   * {@code given} (by identity) is the instant vector given there instead of being read (see {@link
   * #aggregatedInputs}).
   */
  public static List<InstantSample> evaluateVector(
      Expr expr, long t, SeriesSource source, Map<Expr, List<InstantSample>> given) {
    Value v = Evaluator.instant(expr, t, source, given);
    if (v instanceof Value.Scalar s) {
      return List.of(new InstantSample(Labels.empty(), s.value(), t));
    }
    return ((Value.Vector) v).samples();
  }

  /** Retention and selectors of {@code expr} with the default 5-minute lookback. */
  public static Requirements requirements(Expr expr) {
    return Requirements.of(expr, Evaluator.DEFAULT_LOOKBACK);
  }

  /**
   * Whether {@code expr}'s result can be computed one input series at a time, and whether a series'
   * result then only changes with its own samples (see {@link Locality}). Decided from the syntax
   * tree alone; anything not known to be per series is {@link Locality#COMBINED}.
   */
  public static Locality locality(Expr expr) {
    return LocalityRules.of(expr);
  }

  /**
   * A label key that splits {@code expr}'s input series into independent groups (see {@link
   * Partition}): {@code rate(a[5m]) / rate(b[5m])} by the labels but {@code __name__}, {@code
   * histogram_quantile(0.9, rate(b[5m]))} by the labels but {@code le} and {@code __name__}, {@code
   * sum by (job) (x)} by {@code job}. Empty when none is known: the expression is then evaluated
   * over all its series. Decided from the syntax tree alone.
   */
  public static Optional<Partition> partition(Expr expr) {
    return Optional.ofNullable(PartitionRules.of(expr));
  }

  /**
   * The inputs of {@code expr}'s outermost aggregations ({@code sum}, {@code avg}, {@code count},
   * {@code min}, {@code max}, {@code group}, {@code stddev}, {@code stdvar}, {@code quantile}) that
   * split into more than one group ({@link #partition}): {@code rate(c{mode="idle"}[5m])} in {@code
   * 100 - avg(rate(c{mode="idle"}[5m])) * 100 > 80}. A caller may keep them per group and evaluate
   * {@code expr} over the kept inputs ({@link #evaluateVector(Expr, long, SeriesSource, Map)}).
   * Empty when there are none; none inside a subquery, none of an aggregation by {@code __name__}.
   */
  public static List<Expr> aggregatedInputs(Expr expr) {
    return PartitionRules.aggregatedInputs(expr);
  }
}
