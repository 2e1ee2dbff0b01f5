package dev.alerting.promql.upstream;

import dev.alerting.model.Labels;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.ast.Exprs;
import dev.alerting.promql.ast.VectorSelector;
import dev.alerting.promql.engine.EvaluationException;
import dev.alerting.promql.engine.Evaluator;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.QueryWindow;
import dev.alerting.promql.engine.UnsupportedEvaluationException;
import dev.alerting.promql.engine.Value;
import dev.alerting.promql.notation.SeriesNotation;
import dev.alerting.promql.storage.MemorySeriesStore;
import dev.alerting.promql.storage.SeriesSamples;
import dev.alerting.promql.syntax.ParseException;
import dev.alerting.promql.syntax.ParseLimits;
import dev.alerting.promql.syntax.Parser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link TestScript} through our parser, store and evaluator. A range eval is our instant
 * evaluation at every step, as Prometheus's range query is. What our engine rejects at parse time
 * or declines at evaluation ({@link UnsupportedEvaluationException}), classic histograms loaded as
 * native ones ({@code load_with_nhcb}) and start timestamps count as unsupported; a wrong answer or
 * an unexpected error counts as failed.
 */
final class ScriptRunner {
  private MemorySeriesStore store = new MemorySeriesStore();
  // Series whose samples we could not store (start timestamps, nhcb conversions), one placeholder
  // sample each: an eval whose selectors match one cannot be judged.
  private MemorySeriesStore unreadable = new MemorySeriesStore();
  // Input lines our series notation reader rejected; evals after one cannot be judged.
  private final List<String> unloaded = new ArrayList<>();

  /** One eval and how it went. */
  record Result(TestScript.Eval eval, EvalOutcome outcome) {}

  static List<Result> run(TestScript script) {
    ScriptRunner r = new ScriptRunner();
    List<Result> out = new ArrayList<>();
    for (TestScript.Command c : script.commands()) {
      if (c instanceof TestScript.Clear) {
        r.store = new MemorySeriesStore();
        r.unreadable = new MemorySeriesStore();
        r.unloaded.clear();
      } else if (c instanceof TestScript.Load l) {
        r.load(l);
      } else if (c instanceof TestScript.Eval e) {
        out.add(new Result(e, r.outcome(e)));
      }
    }
    return out;
  }

  private void load(TestScript.Load l) {
    for (SeriesLine s : l.series()) {
      String name = s.labels().metricName();
      if (s.problem() != null) {
        unloaded.add(s.problem());
        continue;
      }
      if (name == null) {
        unloaded.add("series without a metric name: " + s.labels());
        continue;
      }
      if (l.startTimestamps()) {
        unreadable.append(s.labels(), 0, 0);
        continue;
      }
      if (l.nhcb()) {
        String base = name.replaceAll("_(bucket|count|sum)$", "");
        unreadable.append(s.labels().without("le").with(Labels.METRIC_NAME, base), 0, 0);
      }
      try {
        for (SeriesNotation.Step step : s.steps()) {
          long t = step.index() * l.stepMillis();
          if (step.isHistogram()) {
            store.append(s.labels(), step.histogram(), t);
          } else {
            store.append(s.labels(), step.value(), t);
          }
        }
      } catch (IllegalArgumentException x) {
        unloaded.add(x.getMessage());
      }
    }
  }

  private EvalOutcome outcome(TestScript.Eval e) {
    if (!unloaded.isEmpty()) {
      return EvalOutcome.unsupported("input series not loaded: " + unloaded.get(0));
    }
    for (SeriesLine s : e.expected()) {
      if (s.problem() != null) {
        return EvalOutcome.unsupported("expected series: " + s.problem());
      }
    }
    Expr expr;
    try {
      // step() and range() in durations are the query's; an instant query's are 0
      expr =
          e.range()
              ? Parser.parse(e.expr(), ParseLimits.DEFAULT, e.step(), e.end() - e.start())
              : Parser.parse(e.expr());
    } catch (ParseException p) {
      return e.fail() ? EvalOutcome.PASSED : EvalOutcome.unsupported(p.reason());
    }
    if (readsUnreadable(expr)) {
      return EvalOutcome.unsupported("reads start timestamps or classic histograms as native");
    }
    String mismatch;
    try {
      mismatch = e.range() ? range(e, expr) : instant(e, expr);
    } catch (UnsupportedEvaluationException x) {
      return EvalOutcome.unsupported(x.getMessage());
    } catch (EvaluationException | IllegalArgumentException x) {
      return e.fail() ? EvalOutcome.PASSED : EvalOutcome.failed("error: " + x.getMessage());
    } catch (RuntimeException x) {
      return EvalOutcome.failed(x.getClass().getSimpleName() + ": " + x.getMessage());
    }
    if (e.fail()) {
      return EvalOutcome.failed("expected an error, got a result");
    }
    if (mismatch != null) {
      return EvalOutcome.failed(mismatch);
    }
    return e.annotationsExpected()
        ? EvalOutcome.unsupported("expects a warning or info annotation")
        : EvalOutcome.PASSED;
  }

  private boolean readsUnreadable(Expr expr) {
    for (VectorSelector vs : Exprs.selectors(expr)) {
      if (!unreadable.select(vs.matchers(), Long.MIN_VALUE, Long.MAX_VALUE).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private String instant(TestScript.Eval e, Expr expr) {
    Value v = Evaluator.instant(expr, e.start(), store);
    if (v instanceof Value.Scalar s) {
      return e.scalar().isPresent()
          ? ResultCheck.scalar(e.scalar().getAsDouble(), s.value())
          : "expected a vector, got scalar " + s.value();
    }
    if (v instanceof Value.Str s) {
      return s.value().equals(e.string())
          ? null
          : "expected string " + e.string() + ", got " + s.value();
    }
    if (v instanceof Value.Matrix m) {
      TestScript.Window w = e.rangeVector();
      return w == null
          ? "expected an instant result, got a range vector"
          : ResultCheck.matrix(points(m), e.expected(), w.start(), w.step());
    }
    if (e.scalar().isPresent() || e.string() != null || e.rangeVector() != null) {
      return "got an instant vector, expected another type";
    }
    return ResultCheck.vector(((Value.Vector) v).samples(), e.expected(), e.ordered());
  }

  private String range(TestScript.Eval e, Expr expr) {
    Map<Labels, List<ResultCheck.Point>> got = new LinkedHashMap<>();
    for (long t = e.start(); t <= e.end(); t += e.step()) {
      Value v =
          Evaluator.at(
              expr,
              t,
              new QueryWindow(e.start(), e.end(), e.step()),
              store,
              Evaluator.DEFAULT_LOOKBACK);
      if (v instanceof Value.Scalar s) {
        got.computeIfAbsent(Labels.empty(), k -> new ArrayList<>())
            .add(new ResultCheck.Point(t, s.value(), null));
      } else if (v instanceof Value.Vector vec) {
        for (InstantSample s : vec.samples()) {
          got.computeIfAbsent(s.labels(), k -> new ArrayList<>())
              .add(new ResultCheck.Point(t, s.value(), s.histogram()));
        }
      } else {
        throw new IllegalArgumentException("range query of a range vector or string");
      }
      if (e.step() <= 0) {
        break;
      }
    }
    if (e.scalar().isPresent()) {
      return "expected a scalar, got a matrix";
    }
    return ResultCheck.matrix(got, e.expected(), e.start(), e.step());
  }

  private static Map<Labels, List<ResultCheck.Point>> points(Value.Matrix m) {
    Map<Labels, List<ResultCheck.Point>> out = new LinkedHashMap<>();
    for (SeriesSamples s : m.series()) {
      List<ResultCheck.Point> p = new ArrayList<>();
      for (int i = 0; i < s.size(); i++) {
        p.add(new ResultCheck.Point(s.timestamps()[i], s.values()[i], s.histogram(i)));
      }
      out.put(s.labels(), p);
    }
    return out;
  }
}
