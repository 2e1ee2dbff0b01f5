package dev.alerting.promql.function;

import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.promql.ast.Function;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.histogram.HistogramArithmetic;
import dev.alerting.promql.histogram.HistogramGroup;
import dev.alerting.promql.storage.SeriesSamples;
import java.util.ArrayList;
import java.util.List;

/**
 * The *_over_time functions (and changes, resets) that Prometheus 3 evaluates over a window holding
 * native histograms: count, present, first, last and their timestamps over any samples; sum and avg
 * over histograms only (a window mixing floats and histograms gives nothing); changes and resets
 * count a switch between float and histogram as one.
 */
final class HistogramOverTime {
  private HistogramOverTime() {}

  /** The result for one series, or null when it has none. */
  static InstantSample apply(Function f, SeriesSamples s, long t) {
    int n = s.size();
    return switch (f) {
      case COUNT_OVER_TIME -> new InstantSample(s.labels(), n, t, true);
      case PRESENT_OVER_TIME -> new InstantSample(s.labels(), 1, t, true);
      case LAST_OVER_TIME -> point(s, n - 1, t);
      case FIRST_OVER_TIME -> point(s, 0, t);
      case TS_OF_LAST_OVER_TIME ->
          new InstantSample(s.labels(), s.timestamps()[n - 1] / 1000.0, t, true);
      case TS_OF_FIRST_OVER_TIME ->
          new InstantSample(s.labels(), s.timestamps()[0] / 1000.0, t, true);
      case SUM_OVER_TIME, AVG_OVER_TIME -> sumOrAvg(s, f == Function.AVG_OVER_TIME, t);
      case CHANGES -> new InstantSample(s.labels(), transitions(s, false), t, true);
      case RESETS -> new InstantSample(s.labels(), transitions(s, true), t, true);
      default -> throw new IllegalArgumentException(f.functionName());
    };
  }

  /** Sample {@code i} as the result, its metric name kept (first_ and last_over_time). */
  private static InstantSample point(SeriesSamples s, int i, long t) {
    FloatHistogram h = s.histogram(i);
    return h == null
        ? new InstantSample(s.labels(), s.values()[i], t, false)
        : InstantSample.histogram(s.labels(), h, t, false);
  }

  private static InstantSample sumOrAvg(SeriesSamples s, boolean mean, long t) {
    List<FloatHistogram> hs = new ArrayList<>(s.size());
    for (int i = 0; i < s.size(); i++) {
      if (s.histogram(i) == null) {
        return null;
      }
      hs.add(s.histogram(i));
    }
    try {
      FloatHistogram h = mean ? HistogramGroup.mean(hs) : HistogramGroup.sum(hs);
      return InstantSample.histogram(s.labels(), h, t, true);
    } catch (HistogramArithmetic.IncompatibleHistograms e) {
      return null;
    }
  }

  private static int transitions(SeriesSamples s, boolean resets) {
    int count = 0;
    for (int i = 1; i < s.size(); i++) {
      FloatHistogram prev = s.histogram(i - 1);
      FloatHistogram curr = s.histogram(i);
      if ((prev == null) != (curr == null)) {
        count++;
      } else if (curr != null) {
        boolean changed =
            resets
                ? HistogramArithmetic.detectReset(curr, prev)
                : !HistogramArithmetic.equal(curr, prev);
        count += changed ? 1 : 0;
      } else {
        double a = s.values()[i - 1];
        double b = s.values()[i];
        boolean changed = resets ? b < a : !(a == b || (Double.isNaN(a) && Double.isNaN(b)));
        count += changed ? 1 : 0;
      }
    }
    return count;
  }
}
