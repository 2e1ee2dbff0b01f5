package dev.alerting.promql.engine;

import dev.alerting.model.Labels;
import dev.alerting.promql.aggregation.Aggregations;
import dev.alerting.promql.ast.Aggregation;
import dev.alerting.promql.ast.At;
import dev.alerting.promql.ast.Binary;
import dev.alerting.promql.ast.Call;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.ast.Function;
import dev.alerting.promql.ast.MatrixSelector;
import dev.alerting.promql.ast.Negation;
import dev.alerting.promql.ast.NumberLiteral;
import dev.alerting.promql.ast.Paren;
import dev.alerting.promql.ast.StringLiteral;
import dev.alerting.promql.ast.Subquery;
import dev.alerting.promql.ast.VectorSelector;
import dev.alerting.promql.binary.BinaryOperators;
import dev.alerting.promql.function.Functions;
import dev.alerting.promql.histogram.HistogramArithmetic;
import dev.alerting.promql.storage.SeriesSamples;
import dev.alerting.promql.storage.SeriesSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates an expression at one instant over a {@link SeriesSource}, with Prometheus 3 semantics.
 */
public final class Evaluator {
  /** Prometheus's default {@code --query.lookback-delta}. */
  public static final Duration DEFAULT_LOOKBACK = Duration.ofMinutes(5);

  private final long time;
  private final QueryWindow window;
  private final SeriesSource source;
  private final long lookback;
  // False only for tests comparing the in-place reads with the general path they stand for.
  private final boolean inPlace;
  // Subexpressions (by identity) whose value the caller already has, or null.
  private final Map<Expr, Value> given;

  private Evaluator(
      long time, QueryWindow window, SeriesSource source, long lookback, boolean inPlace) {
    this(time, window, source, lookback, inPlace, null);
  }

  private Evaluator(
      long time,
      QueryWindow window,
      SeriesSource source,
      long lookback,
      boolean inPlace,
      Map<Expr, Value> given) {
    this.given = given;
    this.inPlace = inPlace;
    this.time = time;
    this.window = window;
    this.source = source;
    this.lookback = lookback;
  }

  /** Evaluates {@code expr} at epoch milliseconds {@code t} with the default 5-minute lookback. */
  public static Value instant(Expr expr, long t, SeriesSource source) {
    return instant(expr, t, source, DEFAULT_LOOKBACK);
  }

  public static Value instant(Expr expr, long t, SeriesSource source, Duration lookback) {
    return at(expr, t, QueryWindow.instant(t), source, lookback);
  }

  /**
   * As {@link #instant(Expr, long, SeriesSource)}, keeping derived label sets in {@code memo} for
   * the next evaluation of the same expression (see {@link LabelMemo}).
   */
  public static Value instant(Expr expr, long t, SeriesSource source, LabelMemo memo) {
    return memo.around(() -> instant(expr, t, source));
  }

  /**
   * As {@link #instant(Expr, long, SeriesSource)}, but each subexpression that is a key of {@code
   * given} (by identity; not inside a subquery) evaluates to the instant vector given there instead
   * of being read: a caller that keeps an aggregation's input between evaluations.
   */
  public static Value instant(
      Expr expr, long t, SeriesSource source, Map<Expr, List<InstantSample>> given) {
    Map<Expr, Value> values = new IdentityHashMap<>();
    given.forEach((e, v) -> values.put(e, new Value.Vector(v)));
    return removeNames(
        new Evaluator(t, QueryWindow.instant(t), source, DEFAULT_LOOKBACK.toMillis(), true, values)
            .eval(expr));
  }

  /**
   * As {@link #instant(Expr, long, SeriesSource)} through the general path only: selectors read
   * copies ({@link SeriesSource#select}) and every function its evaluated arguments, nothing in
   * place; what the in-place reads must equal (tests).
   */
  static Value instantFromCopies(Expr expr, long t, SeriesSource source) {
    return removeNames(
        new Evaluator(t, QueryWindow.instant(t), source, DEFAULT_LOOKBACK.toMillis(), false)
            .eval(expr));
  }

  /** Evaluates {@code expr} at {@code t}, one step of the range query {@code window}. */
  public static Value at(
      Expr expr, long t, QueryWindow window, SeriesSource source, Duration lookback) {
    return removeNames(new Evaluator(t, window, source, lookback.toMillis(), true).eval(expr));
  }

  /**
   * The delayed name removal at the end of an expression (Prometheus 3): names marked by a function
   * or operator go now, and two results left with the same labels are an error.
   */
  static Value removeNames(Value v) {
    if (!(v instanceof Value.Vector vec)
        || vec.samples().stream().noneMatch(InstantSample::dropName)) {
      // nothing renamed: selectors, calls and operators already answered with distinct labels
      return v;
    }
    List<InstantSample> out = new ArrayList<>(vec.samples().size());
    for (InstantSample s : vec.samples()) {
      out.add(
          s.dropName()
              ? new InstantSample(
                  MetricName.drop(s.labels()), s.value(), s.timestamp(), false, s.histogram())
              : s);
    }
    return checked(new Value.Vector(out));
  }

  /** The evaluation time in epoch milliseconds. */
  public long time() {
    return time;
  }

  public Value eval(Expr e) {
    if (given != null) {
      Value v = given.get(e);
      if (v != null) {
        return v;
      }
    }
    if (e instanceof NumberLiteral n) {
      return new Value.Scalar(n.value());
    } else if (e instanceof StringLiteral s) {
      return new Value.Str(s.value());
    } else if (e instanceof Paren p) {
      return eval(p.expr());
    } else if (e instanceof VectorSelector vs) {
      return new Value.Vector(
          inPlace
              ? Selection.instant(vs, reference(vs.at()), lookback, source)
              : Selection.instantFromCopies(vs, reference(vs.at()), lookback, source));
    } else if (e instanceof MatrixSelector ms) {
      return Selection.range(ms, reference(ms.selector().at()), source);
    } else if (e instanceof Subquery sq) {
      return Subqueries.evaluate(
          sq,
          reference(sq.at()),
          at -> removeNames(new Evaluator(at, window, source, lookback, inPlace).eval(sq.expr())));
    } else if (e instanceof Negation n) {
      return negate(eval(n.expr()));
    } else if (e instanceof Call c) {
      if (c.function().readsQueryWindow()) {
        return new Value.Scalar(windowValue(c.function()) / 1000.0);
      }
      if (inPlace && Functions.readsWindowsInPlace(c)) {
        return windowsInPlace(c, (MatrixSelector) c.args().get(0));
      }
      return checked(Functions.call(c, args(c), time));
    } else if (e instanceof Aggregation a) {
      Value param = a.param() == null ? null : eval(a.param());
      return Aggregations.evaluate(a, param, (Value.Vector) eval(a.expr()), time);
    } else if (e instanceof Binary b) {
      return checked(BinaryOperators.evaluate(b, eval(b.lhs()), eval(b.rhs()), time));
    }
    throw new IllegalStateException("unknown expression " + e);
  }

  /**
   * A rate-like call over a matrix selector, computed on each series' window where the source holds
   * it instead of on a copy ({@link Selection#range}): the same elements in the same order. Only a
   * window with stale markers or native histograms is copied (without the markers), as the
   * functions' general path needs. No duplicate check: each element is one distinct series.
   */
  private Value windowsInPlace(Call c, MatrixSelector ms) {
    Function f = c.function();
    long end = reference(ms.selector().at()) - ms.selector().offsetMillis();
    long start = end - ms.rangeMillis();
    List<InstantSample> out = new ArrayList<>();
    source.forEachWindow(
        ms.selector().matchers(),
        start,
        end,
        (labels, ts, values, hs, from, to) -> {
          int stale = Selection.staleMarkers(values, hs, from, to);
          InstantSample el;
          if (stale == 0 && !Selection.anyHistogram(hs, from, to)) {
            el = Functions.floatRangeElement(f, labels, ts, values, from, to, start, end, time);
          } else if (stale == to - from) {
            el = null;
          } else {
            SeriesSamples kept =
                Selection.copyWithoutStaleMarkers(
                    labels, ts, values, hs, from, to, to - from - stale);
            el = Functions.rangeElement(f, kept, start, end, time);
          }
          if (el != null) {
            out.add(el);
          }
        });
    return new Value.Vector(out);
  }

  /** The time a selector or subquery reads at: its {@code @} time, else the evaluation time. */
  private long reference(At at) {
    if (at == null) {
      return time;
    }
    return switch (at.kind()) {
      case TIME -> at.millis();
      case START -> window.start();
      case END -> window.end();
    };
  }

  private long windowValue(Function f) {
    return switch (f) {
      case START -> window.start();
      case END -> window.end();
      case RANGE -> window.range();
      case STEP -> window.step();
      default -> throw new IllegalArgumentException(f.functionName());
    };
  }

  private List<Value> args(Call c) {
    List<Value> out = new ArrayList<>(c.args().size());
    for (Expr a : c.args()) {
      out.add(eval(a));
    }
    return out;
  }

  private Value negate(Value v) {
    if (v instanceof Value.Scalar s) {
      return new Value.Scalar(-s.value());
    }
    List<InstantSample> out = new ArrayList<>();
    for (InstantSample s : ((Value.Vector) v).samples()) {
      out.add(
          s.isHistogram()
              ? new InstantSample(
                  s.labels(), 0, time, true, HistogramArithmetic.multiply(s.histogram(), -1))
              : s.droppingName(-s.value(), time));
    }
    return new Value.Vector(out);
  }

  /**
   * Prometheus rejects a result vector with two elements of the same labels (e.g. after dropping
   * names).
   */
  private static Value checked(Value v) {
    if (v instanceof Value.Vector vec) {
      Set<Labels> seen = new HashSet<>();
      for (InstantSample s : vec.samples()) {
        if (!seen.add(s.labels())) {
          throw new EvaluationException("vector cannot contain metrics with the same labelset");
        }
      }
    }
    return v;
  }
}
