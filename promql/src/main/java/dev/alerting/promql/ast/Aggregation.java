package dev.alerting.promql.ast;

import java.util.List;

/**
 * An aggregation such as {@code sum by (job) (x)}; {@code param} is set for quantile, topk and
 * bottomk.
 */
public record Aggregation(
    AggregationOp op, Expr param, Expr expr, List<String> grouping, boolean without, int position)
    implements Expr {
  public Aggregation {
    grouping = List.copyOf(grouping);
  }

  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }
}
