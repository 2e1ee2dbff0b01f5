package dev.alerting.rule.expr;

import dev.alerting.model.Labels;
import java.util.Objects;

/**
 * One element of the instant vector an expression evaluates to: its label set as PromQL leaves it
 * ({@code __name__} kept where PromQL keeps it, e.g. after a comparison filter) and its value.
 */
public record Element(Labels labels, double value) {
  public Element {
    Objects.requireNonNull(labels, "labels");
  }
}
