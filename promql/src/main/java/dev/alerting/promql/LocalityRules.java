package dev.alerting.promql;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.promql.ast.Binary;
import dev.alerting.promql.ast.Call;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.ast.Exprs;
import dev.alerting.promql.ast.Function;
import dev.alerting.promql.ast.MatrixSelector;
import dev.alerting.promql.ast.Negation;
import dev.alerting.promql.ast.NumberLiteral;
import dev.alerting.promql.ast.Paren;
import dev.alerting.promql.ast.StringLiteral;
import dev.alerting.promql.ast.ValueType;
import dev.alerting.promql.ast.VectorSelector;
import java.util.EnumSet;
import java.util.Set;

/** The classification behind {@link PromQL#locality}; anything not listed here is combined. */
final class LocalityRules {
  /** Functions of a range window of one series; the window slides with time. */
  static final Set<Function> OVER_TIME =
      EnumSet.of(
          Function.RATE,
          Function.IRATE,
          Function.INCREASE,
          Function.DELTA,
          Function.IDELTA,
          Function.DERIV,
          Function.PREDICT_LINEAR,
          Function.CHANGES,
          Function.RESETS,
          Function.AVG_OVER_TIME,
          Function.MIN_OVER_TIME,
          Function.MAX_OVER_TIME,
          Function.SUM_OVER_TIME,
          Function.COUNT_OVER_TIME,
          Function.LAST_OVER_TIME,
          Function.STDDEV_OVER_TIME,
          Function.STDVAR_OVER_TIME,
          Function.PRESENT_OVER_TIME,
          Function.QUANTILE_OVER_TIME);

  /**
   * Functions of one element's value (or sample time) that keep its labels apart from the metric
   * name, so distinct series of one metric stay distinct.
   */
  static final Set<Function> PER_ELEMENT =
      EnumSet.of(
          Function.ABS,
          Function.CEIL,
          Function.FLOOR,
          Function.ROUND,
          Function.SQRT,
          Function.EXP,
          Function.LN,
          Function.LOG2,
          Function.LOG10,
          Function.SGN,
          Function.CLAMP,
          Function.CLAMP_MIN,
          Function.CLAMP_MAX,
          Function.TIMESTAMP,
          Function.MINUTE,
          Function.HOUR,
          Function.DAY_OF_WEEK,
          Function.DAY_OF_MONTH,
          Function.DAY_OF_YEAR,
          Function.DAYS_IN_MONTH,
          Function.MONTH,
          Function.YEAR);

  /** Functions that rewrite labels: two series may end up with the same labels. */
  private static final Set<Function> RELABEL =
      EnumSet.of(Function.LABEL_REPLACE, Function.LABEL_JOIN);

  private LocalityRules() {}

  static Locality of(Expr e) {
    if (e.type() != ValueType.VECTOR) {
      return Locality.COMBINED;
    }
    Locality l = vector(e);
    if (l == Locality.STEADY && !namesOneMetric(e)) {
      // Dropping __name__ could then merge two series into one label set.
      return Locality.PER_SERIES;
    }
    return l;
  }

  /** The locality of an instant-vector expression. */
  private static Locality vector(Expr e) {
    if (e instanceof VectorSelector v) {
      // An offset makes later-stored samples come into view as time passes.
      return v.offsetMillis() == 0 ? Locality.STEADY : Locality.PER_SERIES;
    } else if (e instanceof Paren p) {
      return vector(p.expr());
    } else if (e instanceof Negation n) {
      return vector(n.expr());
    } else if (e instanceof Binary b) {
      return binary(b);
    } else if (e instanceof Call c) {
      return call(c);
    }
    return Locality.COMBINED;
  }

  private static Locality binary(Binary b) {
    if (b.op().isSetOperator()) {
      return Locality.COMBINED;
    }
    Expr vector;
    Expr scalar;
    if (b.lhs().type() == ValueType.VECTOR && b.rhs().type() == ValueType.SCALAR) {
      vector = b.lhs();
      scalar = b.rhs();
    } else if (b.lhs().type() == ValueType.SCALAR && b.rhs().type() == ValueType.VECTOR) {
      vector = b.rhs();
      scalar = b.lhs();
    } else {
      return Locality.COMBINED;
    }
    if (!Exprs.selectors(scalar).isEmpty()) {
      return Locality.COMBINED;
    }
    // time() is the same for every series at an instant but moves between instants.
    return weakest(vector(vector), isConstant(scalar) ? Locality.STEADY : Locality.PER_SERIES);
  }

  private static Locality call(Call c) {
    Function f = c.function();
    Locality args = Locality.STEADY;
    Locality vectorArg = null;
    for (Expr a : c.args()) {
      if (Exprs.unparen(a) instanceof MatrixSelector && OVER_TIME.contains(f)) {
        vectorArg = Locality.PER_SERIES;
      } else if (a.type() == ValueType.VECTOR) {
        vectorArg = vector(a);
      } else if (a.type() == ValueType.SCALAR) {
        if (!Exprs.selectors(a).isEmpty()) {
          return Locality.COMBINED;
        }
        args = weakest(args, isConstant(a) ? Locality.STEADY : Locality.PER_SERIES);
      } else if (!(a instanceof StringLiteral)) {
        return Locality.COMBINED;
      }
    }
    if (vectorArg == null) {
      return Locality.COMBINED;
    }
    if (OVER_TIME.contains(f)) {
      // The window slides: the value changes while the series gets no sample.
      return weakest(Locality.PER_SERIES, args);
    }
    if (PER_ELEMENT.contains(f)) {
      return weakest(vectorArg, args);
    }
    if (RELABEL.contains(f)) {
      return weakest(vectorArg, Locality.PER_SERIES);
    }
    return Locality.COMBINED;
  }

  /** Number literals and arithmetic on them: the same value at every instant. */
  private static boolean isConstant(Expr e) {
    if (e instanceof NumberLiteral) {
      return true;
    } else if (e instanceof Paren p) {
      return isConstant(p.expr());
    } else if (e instanceof Negation n) {
      return isConstant(n.expr());
    } else if (e instanceof Binary b) {
      return isConstant(b.lhs()) && isConstant(b.rhs());
    }
    return false;
  }

  private static boolean namesOneMetric(Expr e) {
    for (VectorSelector v : Exprs.selectors(e)) {
      boolean named = false;
      for (Matcher m : v.matchers()) {
        named |= m.name().equals(Labels.METRIC_NAME) && m.type() == Matcher.Type.EQ;
      }
      if (!named) {
        return false;
      }
    }
    return true;
  }

  private static Locality weakest(Locality a, Locality b) {
    return a.ordinal() <= b.ordinal() ? a : b;
  }
}
