package dev.alerting.promql.ast;

import java.util.Locale;
import java.util.Optional;

/** The supported aggregation operators. */
public enum AggregationOp {
  SUM(false),
  AVG(false),
  MIN(false),
  MAX(false),
  COUNT(false),
  GROUP(false),
  STDDEV(false),
  STDVAR(false),
  QUANTILE(true),
  TOPK(true),
  BOTTOMK(true),
  COUNT_VALUES(true),
  LIMITK(true),
  LIMIT_RATIO(true);

  private final boolean hasParam;

  AggregationOp(boolean hasParam) {
    this.hasParam = hasParam;
  }

  /** Whether the operator takes a scalar parameter before the vector. */
  public boolean hasParam() {
    return hasParam;
  }

  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AggregationOp> byName(String name) {
    for (AggregationOp op : values()) {
      if (op.keyword().equalsIgnoreCase(name)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}
