package dev.alerting.rule.template;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
import java.util.Objects;

/**
 * What a rule template sees, as in Prometheus: {@code $labels}/{@code .Labels} (the result's
 * labels), {@code $value}/{@code .Value}, {@code $externalLabels} and {@code $externalURL}. For a
 * histogram element {@code histogram} is set and is what {@code $value} holds, as in Prometheus 3's
 * {@code AlertTemplateData} (its {@code Value} is {@code interface{}}: the float, or the histogram
 * when the sample has one); it is null for a float element.
 */
public record TemplateData(
    Labels labels,
    double value,
    Labels externalLabels,
    String externalUrl,
    FloatHistogram histogram) {
  public TemplateData {
    Objects.requireNonNull(labels, "labels");
    externalLabels = externalLabels == null ? Labels.empty() : externalLabels;
    externalUrl = externalUrl == null ? "" : externalUrl;
  }

  /** A float element's data. */
  public TemplateData(Labels labels, double value, Labels externalLabels, String externalUrl) {
    this(labels, value, externalLabels, externalUrl, null);
  }
}
