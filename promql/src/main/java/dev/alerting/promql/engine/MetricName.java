package dev.alerting.promql.engine;

import dev.alerting.model.Labels;

/**
 * Dropping the metric name from a result, as Prometheus does: {@code __type__} and {@code __unit__}
 * describe the metric the name named, so they go with it.
 */
public final class MetricName {
  public static final String TYPE = "__type__";
  public static final String UNIT = "__unit__";

  private MetricName() {}

  /** {@code labels} without {@code __name__}, {@code __type__} and {@code __unit__}. */
  public static Labels drop(Labels labels) {
    return LabelMemo.derive(labels, MetricName.class, MetricName::dropNow);
  }

  private static Labels dropNow(Labels labels) {
    return labels.without(Labels.METRIC_NAME).without(TYPE).without(UNIT);
  }
}
