package dev.alerting.promql.aggregation;

import dev.alerting.model.Labels;
import dev.alerting.promql.engine.EvaluationException;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.histogram.HistogramText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * count_values("label", v): per group, how many elements have each value, the value written into
 * {@code label} as Go's {@code strconv.FormatFloat(v, 'f', -1, 64)} spells it (a histogram as
 * {@link HistogramText} writes it).
 */
final class CountValues {
  private CountValues() {}

  static List<InstantSample> count(Map<Labels, List<InstantSample>> groups, String label, long t) {
    if (!Labels.isValidLabelName(label)) {
      throw new EvaluationException("invalid label name \"" + label + "\"");
    }
    Map<Labels, Integer> counts = new LinkedHashMap<>();
    groups.forEach(
        (key, members) -> {
          for (InstantSample s : members) {
            String value = s.isHistogram() ? HistogramText.of(s.histogram()) : format(s.value());
            counts.merge(key.with(label, value), 1, Integer::sum);
          }
        });
    List<InstantSample> out = new ArrayList<>(counts.size());
    counts.forEach((labels, n) -> out.add(new InstantSample(labels, n, t)));
    return out;
  }

  static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return Double.doubleToRawLongBits(v) == 0 ? "0" : "-0";
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }
}
