package dev.alerting.promql;

import dev.alerting.model.Labels;
import dev.alerting.promql.ast.Aggregation;
import dev.alerting.promql.ast.AggregationOp;
import dev.alerting.promql.ast.Binary;
import dev.alerting.promql.ast.Call;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.ast.Exprs;
import dev.alerting.promql.ast.Function;
import dev.alerting.promql.ast.MatrixSelector;
import dev.alerting.promql.ast.Negation;
import dev.alerting.promql.ast.Paren;
import dev.alerting.promql.ast.Subquery;
import dev.alerting.promql.ast.ValueType;
import dev.alerting.promql.ast.VectorMatching;
import dev.alerting.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The classification behind {@link PromQL#partition}: which label key splits an expression's input
 * into independent groups, or null when none is known (anything not listed here).
 */
final class PartitionRules {
  /**
   * Aggregations whose output elements each depend on one grouping's input elements only, and not
   * on their order: topk, bottomk and limitk pick among ties by input order, which a group's own
   * evaluation may not reproduce.
   */
  private static final Set<AggregationOp> GROUPED =
      EnumSet.of(
          AggregationOp.SUM,
          AggregationOp.AVG,
          AggregationOp.MIN,
          AggregationOp.MAX,
          AggregationOp.COUNT,
          AggregationOp.GROUP,
          AggregationOp.STDDEV,
          AggregationOp.STDVAR,
          AggregationOp.QUANTILE);

  private PartitionRules() {}

  static Partition of(Expr e) {
    return e.type() == ValueType.VECTOR ? vector(e) : null;
  }

  private static Partition vector(Expr e) {
    if (e instanceof VectorSelector) {
      return Partition.SERIES;
    } else if (e instanceof Paren p) {
      return vector(p.expr());
    } else if (e instanceof Negation n) {
      return vector(n.expr());
    } else if (e instanceof Binary b) {
      return binary(b);
    } else if (e instanceof Call c) {
      return call(c);
    } else if (e instanceof Aggregation a) {
      return aggregation(a);
    }
    return null;
  }

  private static Partition binary(Binary b) {
    boolean lhsVector = b.lhs().type() == ValueType.VECTOR;
    boolean rhsVector = b.rhs().type() == ValueType.VECTOR;
    if (lhsVector != rhsVector) {
      // a scalar that reads no series is the same for every group at an instant
      return readsNoSeries(lhsVector ? b.rhs() : b.lhs())
          ? vector(lhsVector ? b.lhs() : b.rhs())
          : null;
    }
    VectorMatching m = b.matching();
    if (m == null || m.fills()) {
      return null;
    }
    Partition lhs = vector(b.lhs());
    Partition rhs = vector(b.rhs());
    if (lhs == null || rhs == null) {
      return null;
    }
    // Elements match on their signature, so matching ones share its key. A group_x label copied
    // from the other side may change the result's labels outside the signature: out of the key.
    List<String> include = m.include();
    Partition signature;
    if (m.on()) {
      List<String> on = new ArrayList<>(m.labels());
      on.removeAll(include);
      signature = Partition.only(on);
    } else {
      List<String> ignoring = new ArrayList<>(m.labels());
      ignoring.addAll(include);
      signature = Partition.allBut(ignoring);
    }
    return lhs.join(rhs).join(signature);
  }

  private static Partition call(Call c) {
    Function f = c.function();
    Partition vector = null;
    for (Expr a : c.args()) {
      Expr arg = Exprs.unparen(a);
      if (arg instanceof MatrixSelector && LocalityRules.OVER_TIME.contains(f)) {
        // one series' window: its own group
        vector = Partition.SERIES;
      } else if (a.type() == ValueType.VECTOR) {
        vector = vector(a);
        if (vector == null) {
          return null;
        }
      } else if (a.type() == ValueType.SCALAR && !readsNoSeries(a)) {
        return null;
      } else if (a.type() == ValueType.MATRIX) {
        // a subquery, or a range where the function is not one of a window
        return null;
      }
    }
    if (vector == null) {
      return null;
    }
    if (LocalityRules.OVER_TIME.contains(f) || LocalityRules.PER_ELEMENT.contains(f)) {
      return vector;
    }
    if (f == Function.HISTOGRAM_QUANTILE) {
      // the buckets of one histogram differ only in le
      return vector.join(Partition.allBut(List.of("le")));
    }
    return null;
  }

  private static Partition aggregation(Aggregation a) {
    if (!GROUPED.contains(a.op()) || (a.param() != null && !readsNoSeries(a.param()))) {
      return null;
    }
    Partition inner = vector(a.expr());
    if (inner == null) {
      return null;
    }
    return inner.join(a.without() ? Partition.allBut(a.grouping()) : Partition.only(a.grouping()));
  }

  private static boolean readsNoSeries(Expr e) {
    return Exprs.selectors(e).isEmpty();
  }

  static List<Expr> aggregatedInputs(Expr root) {
    List<Expr> out = new ArrayList<>();
    collectInputs(root, out);
    return out;
  }

  private static void collectInputs(Expr e, List<Expr> out) {
    if (e instanceof Subquery) {
      return;
    }
    if (e instanceof Aggregation a
        && GROUPED.contains(a.op())
        && (a.param() == null || readsNoSeries(a.param()))
        && (a.without() || !a.grouping().contains(Labels.METRIC_NAME))) {
      Partition inner = vector(a.expr());
      if (inner != null && !inner.single()) {
        out.add(a.expr());
        return;
      }
    }
    for (Expr child : Exprs.children(e)) {
      collectInputs(child, out);
    }
  }
}
