package dev.alerting.rule.template;

import dev.alerting.model.Labels;
import dev.alerting.template.GoMap;
import dev.alerting.template.GoType;
import java.util.SortedMap;

/**
 * What Prometheus hands an alert template as dot ({@code template.AlertTemplateData}): fields
 * {@code .Labels .ExternalLabels .ExternalURL .Value}, the label sets as Go string maps; {@code
 * .Value} is a float64, or a histogram for a histogram element (Prometheus 3's {@code
 * interface{}}).
 */
@GoType(
    "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string;"
        + " Value interface {} }")
record AlertView(LabelMap labels, LabelMap externalLabels, String externalURL, Object value) {

  static AlertView of(TemplateData d) {
    return new AlertView(
        new LabelMap(d.labels()),
        new LabelMap(d.externalLabels()),
        d.externalUrl(),
        d.histogram() != null ? new HistogramValue(d.histogram()) : (Object) d.value());
  }

  /** A {@code map[string]string}: a missing label reads as "". */
  @GoType("map[string]string")
  record LabelMap(Labels labels) implements GoMap {
    @Override
    public SortedMap<String, ?> entries() {
      return labels.asMap();
    }
  }
}
