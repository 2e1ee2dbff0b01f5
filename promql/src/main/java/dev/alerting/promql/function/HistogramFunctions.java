package dev.alerting.promql.function;

import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.promql.ast.Function;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.Value;
import dev.alerting.promql.histogram.HistogramStatistics;
import java.util.ArrayList;
import java.util.List;

/**
 * histogram_count, _sum, _avg, _stddev and _stdvar: one float per native histogram element, the
 * metric name dropped; float elements are ignored, as in Prometheus. histogram_fraction also reads
 * classic buckets ({@link HistogramQuantile#fraction}).
 */
final class HistogramFunctions {
  private HistogramFunctions() {}

  static Value apply(Function f, List<Value> args, long t) {
    if (f == Function.HISTOGRAM_FRACTION) {
      return HistogramQuantile.fraction(
          Functions.scalar(args, 0), Functions.scalar(args, 1), Functions.vector(args, 2), t);
    }
    int vectorArg = f == Function.HISTOGRAM_FRACTION ? 2 : 0;
    List<InstantSample> out = new ArrayList<>();
    for (InstantSample s : Functions.vector(args, vectorArg)) {
      if (!s.isHistogram()) {
        continue;
      }
      FloatHistogram h = s.histogram();
      double v =
          switch (f) {
            case HISTOGRAM_COUNT -> h.count();
            case HISTOGRAM_SUM -> h.sum();
            case HISTOGRAM_AVG -> h.sum() / h.count();
            case HISTOGRAM_STDVAR -> HistogramStatistics.variance(h);
            case HISTOGRAM_STDDEV -> Math.sqrt(HistogramStatistics.variance(h));
            default -> throw new IllegalArgumentException(f.functionName());
          };
      out.add(s.droppingName(v, t));
    }
    return new Value.Vector(out);
  }
}
