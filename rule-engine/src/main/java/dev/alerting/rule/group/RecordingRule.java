package dev.alerting.rule.group;

import dev.alerting.model.Labels;
import dev.alerting.rule.expr.Expression;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A recording rule ({@code record}, {@code expr}, {@code labels}): its result is written back as
 * series named {@code record} that later rules can select.
 */
public record RecordingRule(String name, Expression expr, SortedMap<String, String> labels)
    implements Rule {

  public RecordingRule {
    Objects.requireNonNull(expr, "expr");
    if (!Labels.isValidMetricName(name)) {
      throw new IllegalArgumentException("invalid recording rule name '" + name + "'");
    }
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels == null ? Map.of() : labels));
    for (String l : labels.keySet()) {
      if (!Labels.isValidLabelName(l) || l.equals(Labels.METRIC_NAME)) {
        throw new IllegalArgumentException("invalid label name '" + l + "'");
      }
    }
  }
}
