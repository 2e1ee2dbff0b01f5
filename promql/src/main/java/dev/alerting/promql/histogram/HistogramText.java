package dev.alerting.promql.histogram;

import dev.alerting.model.sample.FloatHistogram;
import java.math.BigDecimal;

/**
 * A histogram as Prometheus's {@code FloatHistogram.String} writes it, what {@code count_values}
 * puts into its label: {@code {count:20, sum:10, [-2,-1):2, [-0.001,0.001]:2, (0.5,1]:1}}, the
 * populated buckets from the lowest, negative ones closed below, positive ones closed above.
 */
public final class HistogramText {
  private HistogramText() {}

  public static String of(FloatHistogram h) {
    StringBuilder sb = new StringBuilder();
    sb.append("{count:").append(g(h.count())).append(", sum:").append(g(h.sum()));
    int[] negative = h.negativeBucketIndexes();
    for (int i = negative.length - 1; i >= 0; i--) {
      if (h.negativeBucket(i) != 0) {
        double lower = -BucketBounds.upper(negative[i], h.schema());
        double upper = -BucketBounds.upper(negative[i] - 1, h.schema());
        sb.append(", [").append(g(lower)).append(',').append(g(upper)).append("):");
        sb.append(g(h.negativeBucket(i)));
      }
    }
    if (h.zeroCount() != 0) {
      sb.append(", [").append(g(-h.zeroThreshold())).append(',').append(g(h.zeroThreshold()));
      sb.append("]:").append(g(h.zeroCount()));
    }
    int[] positive = h.positiveBucketIndexes();
    for (int i = 0; i < positive.length; i++) {
      if (h.positiveBucket(i) != 0) {
        sb.append(", (").append(g(BucketBounds.lower(h, positive[i]))).append(',');
        sb.append(g(BucketBounds.upper(h, positive[i]))).append("]:");
        sb.append(g(h.positiveBucket(i)));
      }
    }
    return sb.append('}').toString();
  }

  /** Go's {@code %g} for the plain values histograms hold (shortest form, no exponent). */
  private static String g(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return "0";
    }
    double abs = Math.abs(v);
    if (abs < 1e-4 || abs >= 1e21) {
      // Go writes an exponent here: 1e-05, 1e+21
      String s = String.format("%e", v).replaceAll("\\.?0+e", "e");
      return s.replaceAll("e([+-])(\\d)$", "e$10$2");
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }
}
