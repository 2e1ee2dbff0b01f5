package dev.alerting.rule.alert;

import dev.alerting.model.Labels;
import dev.alerting.rule.expr.Element;
import dev.alerting.rule.group.AlertingRule;
import dev.alerting.rule.template.Template;
import dev.alerting.rule.template.TemplateData;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a rule's result elements into alert candidates: the alert labels and annotations its
 * templates expand to. Templates are pure functions of an element's labels and value, so an element
 * back in the next full evaluation with the same labels and value reuses its expansion.
 */
final class AlertExpansion {
  private final AlertingRule rule;
  private final AlertContext context;
  // What the elements of the latest full evaluation expanded to, by their labels, and the map the
  // next one fills (the two swap).
  private Map<Labels, Candidate> expanded = new HashMap<>();
  private Map<Labels, Candidate> expanding = new HashMap<>();

  AlertExpansion(AlertingRule rule, AlertContext context) {
    this.rule = rule;
    this.context = context;
  }

  /**
   * {@link #expand}, or the expansion of the element with the same labels and value in the latest
   * full evaluation; noted for the next one. Histogram elements are expanded every time.
   */
  Candidate reexpand(Element el) {
    Candidate c = el.histogram() == null ? expanded.get(el.labels()) : null;
    if (c == null
        || Double.doubleToRawLongBits(c.value()) != Double.doubleToRawLongBits(el.value())) {
      c = expand(el);
    }
    if (el.histogram() == null) {
      expanding.put(el.labels(), c);
    }
    return c;
  }

  /**
   * Ends a full evaluation: what it noted becomes what the next one reuses, and expansions of
   * elements it no longer had are dropped.
   */
  void evaluated() {
    Map<Labels, Candidate> previous = expanded;
    expanded = expanding;
    expanding = previous;
    expanding.clear();
  }

  /**
   * Alert labels: result labels without {@code __name__}, then the rule's (templated) labels, then
   * {@code alertname}. Templates see the result labels as they are, as in Prometheus.
   */
  Candidate expand(Element el) {
    TemplateData data =
        new TemplateData(
            el.labels(),
            el.value(),
            context.externalLabels(),
            context.externalUrl(),
            el.histogram());
    Map<String, String> labels = new TreeMap<>(el.labels().without(Labels.METRIC_NAME).asMap());
    rule.labels().forEach((k, tmpl) -> labels.put(k, tmpl.expand(data)));
    labels.put(Labels.ALERT_NAME, rule.name());
    // Kept by every alert and every kept element: a rule without annotations shares one empty map
    // instead of an empty TreeMap each (~64 B with its entry-set view).
    Map<String, String> annotations = Map.of();
    if (!rule.annotations().isEmpty()) {
      annotations = new TreeMap<>();
      for (Map.Entry<String, Template> a : rule.annotations().entrySet()) {
        annotations.put(a.getKey(), a.getValue().expand(data));
      }
    }
    return new Candidate(Labels.of(labels), annotations, el.value());
  }
}
