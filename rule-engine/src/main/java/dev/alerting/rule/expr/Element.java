package dev.alerting.rule.expr;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
import java.util.Objects;

/**
 * One element of the instant vector an expression evaluates to: its label set as PromQL leaves it
 * ({@code __name__} kept where PromQL keeps it, e.g. after a comparison filter) and its value, a
 * float or a native histogram. A histogram element's {@code value} is 0, which is what Prometheus 3
 * gives an alert (and its {@code $value}) whose sample is a histogram ({@code Value: smpl.F} in
 * rules/alerting.go); a recording rule records the histogram itself.
 */
public record Element(Labels labels, double value, FloatHistogram histogram) {
  public Element {
    Objects.requireNonNull(labels, "labels");
  }

  /** A float element. */
  public Element(Labels labels, double value) {
    this(labels, value, null);
  }

  public boolean isHistogram() {
    return histogram != null;
  }
}
