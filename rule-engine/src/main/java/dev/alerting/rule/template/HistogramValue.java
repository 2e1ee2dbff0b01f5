package dev.alerting.rule.template;

import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.promql.histogram.HistogramText;
import dev.alerting.template.GoType;

/**
 * A native histogram as a template's {@code $value}: Go prints a {@code *histogram.FloatHistogram}
 * through its {@code String} method, e.g. {@code {count:2, sum:3, (0.5,1]:0.5, (1,2]:1}}. Not a
 * record, so the printer treats it as a Stringer rather than a struct.
 */
@GoType("*histogram.FloatHistogram")
final class HistogramValue {
  private final FloatHistogram histogram;

  HistogramValue(FloatHistogram histogram) {
    this.histogram = histogram;
  }

  @Override
  public String toString() {
    return HistogramText.of(histogram);
  }
}
