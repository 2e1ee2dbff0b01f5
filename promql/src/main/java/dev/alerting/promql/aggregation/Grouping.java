package dev.alerting.promql.aggregation;

import dev.alerting.model.Labels;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.LabelMemo;
import dev.alerting.promql.engine.MetricName;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The label set an element is grouped under: only the {@code by} labels, or all but the {@code
 * without} labels and the metric name.
 */
final class Grouping {
  private Grouping() {}

  static Labels key(InstantSample s, List<String> grouping, boolean without) {
    Labels labels = s.labels();
    if (without) {
      // a name still waiting for its delayed removal goes with its __type__ and __unit__
      Labels out = s.dropName() ? MetricName.drop(labels) : labels.without(Labels.METRIC_NAME);
      for (String l : grouping) {
        out = out.without(l);
      }
      return out;
    }
    // by (...): the same list instance for every element of one aggregation node
    return LabelMemo.derive(labels, grouping, l -> keptOnly(l, grouping));
  }

  private static Labels keptOnly(Labels labels, List<String> grouping) {
    Map<String, String> kept = new TreeMap<>();
    for (String l : grouping) {
      String v = labels.get(l);
      if (v != null) {
        kept.put(l, v);
      }
    }
    return Labels.of(kept);
  }
}
