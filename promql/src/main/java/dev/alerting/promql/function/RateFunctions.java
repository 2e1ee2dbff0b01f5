package dev.alerting.promql.function;

import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.promql.ast.Call;
import dev.alerting.promql.ast.Function;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.Value;
import dev.alerting.promql.storage.SeriesSamples;
import java.util.ArrayList;
import java.util.List;

/**
 * rate, increase, delta (extrapolated, Prometheus's {@code extrapolatedRate}) and irate, idelta
 * (last two samples).
 */
final class RateFunctions {
  private RateFunctions() {}

  static Value apply(Call c, Value.Matrix matrix, long t) {
    List<SeriesSamples> in = matrix.series();
    long rangeEnd = matrix.windowEnd();
    long rangeStart = matrix.windowStart();
    List<InstantSample> out = new ArrayList<>();
    for (SeriesSamples s : in) {
      if (s.hasHistograms() && !lastTwoFloats(c, s)) {
        FloatHistogram h = HistogramRates.apply(c.function(), s, rangeStart, rangeEnd);
        if (h != null) {
          out.add(InstantSample.histogram(s.labels(), h, t, true));
        }
        continue;
      }
      Double v =
          switch (c.function()) {
            case RATE -> extrapolated(s, rangeStart, rangeEnd, true, true);
            case INCREASE -> extrapolated(s, rangeStart, rangeEnd, true, false);
            case DELTA -> extrapolated(s, rangeStart, rangeEnd, false, false);
            case IRATE -> instant(s, true);
            case IDELTA -> instant(s, false);
            default -> throw new IllegalArgumentException(c.function().functionName());
          };
      if (v != null) {
        out.add(new InstantSample(s.labels(), v, t, true));
      }
    }
    return new Value.Vector(out);
  }

  /** irate and idelta read only the last two samples: floats there make a float result. */
  private static boolean lastTwoFloats(Call c, SeriesSamples s) {
    int n = s.size();
    return (c.function() == Function.IRATE || c.function() == Function.IDELTA)
        && n >= 2
        && s.histogram(n - 1) == null
        && s.histogram(n - 2) == null;
  }

  /**
   * Extrapolates to the window edges unless the first/last sample is further from the edge than 1.1
   * × the average interval (then only half an interval), and never below a counter's zero.
   */
  static Double extrapolated(
      SeriesSamples s, long rangeStart, long rangeEnd, boolean counter, boolean perSecond) {
    int n = s.size();
    if (n < 2) {
      return null;
    }
    double[] v = s.values();
    long firstT = s.timestamps()[0];
    long lastT = s.timestamps()[n - 1];
    double result = v[n - 1] - v[0];
    if (counter) {
      double prev = v[0];
      for (int i = 1; i < n; i++) {
        if (v[i] < prev) {
          result += prev;
        }
        prev = v[i];
      }
    }
    return result
        * factor(n, firstT, lastT, rangeStart, rangeEnd, counter, perSecond, v[0], result);
  }

  /**
   * The factor turning the increase between the first and last sample into the extrapolated
   * increase (or rate) over the window; {@code first} and {@code result} are the first value and
   * the raw increase (a histogram's count for histograms), used to stop a counter at zero.
   */
  static double factor(
      int n,
      long firstT,
      long lastT,
      long rangeStart,
      long rangeEnd,
      boolean counter,
      boolean perSecond,
      double first,
      double result) {
    double durationToStart = (firstT - rangeStart) / 1000.0;
    double durationToEnd = (rangeEnd - lastT) / 1000.0;
    double sampledInterval = (lastT - firstT) / 1000.0;
    double averageInterval = sampledInterval / (n - 1);
    double threshold = averageInterval * 1.1;
    double extrapolateTo = sampledInterval;
    if (durationToStart >= threshold) {
      durationToStart = averageInterval / 2;
    }
    if (counter && result > 0 && first >= 0) {
      double durationToZero = sampledInterval * (first / result);
      if (durationToZero < durationToStart) {
        durationToStart = durationToZero;
      }
    }
    extrapolateTo += durationToStart;
    if (durationToEnd >= threshold) {
      durationToEnd = averageInterval / 2;
    }
    extrapolateTo += durationToEnd;
    double factor = extrapolateTo / sampledInterval;
    if (perSecond) {
      factor /= (rangeEnd - rangeStart) / 1000.0;
    }
    return factor;
  }

  private static Double instant(SeriesSamples s, boolean isRate) {
    int n = s.size();
    if (n < 2) {
      return null;
    }
    double last = s.values()[n - 1];
    double previous = s.values()[n - 2];
    double result = last - previous;
    if (isRate && last < previous) {
      result = last;
    }
    long interval = s.timestamps()[n - 1] - s.timestamps()[n - 2];
    if (interval == 0) {
      return null;
    }
    return isRate ? result / (interval / 1000.0) : result;
  }
}
