package dev.alerting.rule.group;

import dev.alerting.model.Labels;
import dev.alerting.rule.expr.Expression;
import dev.alerting.rule.template.Template;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An alerting rule: alerts for each element {@code expr} yields, pending until the element has held
 * for {@code holdDuration} ({@code for}), firing until it clears plus {@code keepFiringFor}. Label
 * and annotation values are templates.
 */
public record AlertingRule(
    String name,
    Expression expr,
    Duration holdDuration,
    Duration keepFiringFor,
    SortedMap<String, Template> labels,
    SortedMap<String, Template> annotations)
    implements Rule {

  public AlertingRule {
    Objects.requireNonNull(expr, "expr");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("alert name is empty");
    }
    holdDuration = nonNegative(holdDuration, "for");
    keepFiringFor = nonNegative(keepFiringFor, "keep_firing_for");
    labels = copy(labels);
    annotations = copy(annotations);
    for (String l : labels.keySet()) {
      if (!Labels.isValidLabelName(l) || l.equals(Labels.METRIC_NAME)) {
        throw new IllegalArgumentException("invalid label name '" + l + "'");
      }
    }
  }

  private static Duration nonNegative(Duration d, String what) {
    Duration v = d == null ? Duration.ZERO : d;
    if (v.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative");
    }
    return v;
  }

  private static SortedMap<String, Template> copy(Map<String, Template> m) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(m == null ? Map.of() : m));
  }
}
