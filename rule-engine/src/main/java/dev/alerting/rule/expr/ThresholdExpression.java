package dev.alerting.rule.expr;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.model.sample.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code selector OP number}: keeps each selected series whose latest value satisfies the
 * comparison. As in PromQL, the result drops {@code __name__} and keeps the sample value.
 */
public record ThresholdExpression(
    String text, List<Matcher> selector, Comparison op, double threshold) implements Expression {

  public ThresholdExpression {
    selector = List.copyOf(selector);
  }

  @Override
  public List<List<Matcher>> selectors() {
    return List.of(selector);
  }

  @Override
  public List<Element> evaluate(SeriesSource source, long atMillis) {
    List<Element> out = new ArrayList<>();
    for (Sample s : source.instant(selector, atMillis)) {
      if (op.test(s.value(), threshold)) {
        out.add(new Element(s.series().without(Labels.METRIC_NAME), s.value()));
      }
    }
    return out;
  }
}
