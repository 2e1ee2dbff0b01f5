package dev.alerting.promql.ast;

import dev.alerting.model.Matcher;
import java.util.List;

/**
 * An instant vector selector. {@code matchers} include the {@code __name__} matcher when the metric
 * name was written before the braces, as in Prometheus. {@code metricName} is that name or null.
 * {@code at} is the {@code @} modifier or null.
 */
public record VectorSelector(
    String metricName, List<Matcher> matchers, long offsetMillis, At at, int position)
    implements Expr {
  public VectorSelector {
    matchers = List.copyOf(matchers);
  }

  public VectorSelector withOffset(long offset) {
    return new VectorSelector(metricName, matchers, offset, at, position);
  }

  public VectorSelector withAt(At newAt) {
    return new VectorSelector(metricName, matchers, offsetMillis, newAt, position);
  }

  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }
}
