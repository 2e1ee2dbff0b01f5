package dev.alerting.rule.template;

import dev.alerting.model.Labels;
import java.util.Objects;

/**
 * What a rule template sees, as in Prometheus: {@code $labels}/{@code .Labels} (the result's
 * labels), {@code $value}/{@code .Value}, {@code $externalLabels} and {@code $externalURL}.
 */
public record TemplateData(Labels labels, double value, Labels externalLabels, String externalUrl) {
  public TemplateData {
    Objects.requireNonNull(labels, "labels");
    externalLabels = externalLabels == null ? Labels.empty() : externalLabels;
    externalUrl = externalUrl == null ? "" : externalUrl;
  }
}
