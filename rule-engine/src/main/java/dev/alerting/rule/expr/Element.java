package dev.alerting.rule.expr;

import dev.alerting.model.Labels;
import java.util.Objects;

/**
 * One element of an instant vector an expression evaluates to: its label set (for comparisons, the
 * series labels without {@code __name__}) and its value.
 */
public record Element(Labels labels, double value) {
  public Element {
    Objects.requireNonNull(labels, "labels");
  }
}
