package dev.alerting.promql.function;

import dev.alerting.model.Labels;
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
    List<InstantSample> out = new ArrayList<>();
    for (SeriesSamples s : matrix.series()) {
      InstantSample e = element(c.function(), s, matrix.windowStart(), matrix.windowEnd(), t);
      if (e != null) {
        out.add(e);
      }
    }
    return new Value.Vector(out);
  }

  /** The element of one series' window (stale markers removed), or null when it makes none. */
  static InstantSample element(
      Function f, SeriesSamples s, long rangeStart, long rangeEnd, long t) {
    if (s.hasHistograms() && !lastTwoFloats(f, s)) {
      FloatHistogram h = HistogramRates.apply(f, s, rangeStart, rangeEnd);
      return h == null ? null : InstantSample.histogram(s.labels(), h, t, true);
    }
    return floatElement(
        f, s.labels(), s.timestamps(), s.values(), 0, s.size(), rangeStart, rangeEnd, t);
  }

  /**
   * The element of the float samples at {@code [from, to)} of {@code ts}/{@code v} (no stale
   * markers among them), read in place, or null when they make none.
   */
  static InstantSample floatElement(
      Function f,
      Labels labels,
      long[] ts,
      double[] v,
      int from,
      int to,
      long rangeStart,
      long rangeEnd,
      long t) {
    if (to - from < 2) {
      return null;
    }
    double value;
    switch (f) {
      case RATE -> value = extrapolated(ts, v, from, to, rangeStart, rangeEnd, true, true);
      case INCREASE -> value = extrapolated(ts, v, from, to, rangeStart, rangeEnd, true, false);
      case DELTA -> value = extrapolated(ts, v, from, to, rangeStart, rangeEnd, false, false);
      case IRATE, IDELTA -> {
        long interval = ts[to - 1] - ts[to - 2];
        if (interval == 0) {
          return null;
        }
        value = instant(v[to - 1], v[to - 2], interval, f == Function.IRATE);
      }
      default -> throw new IllegalArgumentException(f.functionName());
    }
    return new InstantSample(labels, value, t, true);
  }

  /** irate and idelta read only the last two samples: floats there make a float result. */
  private static boolean lastTwoFloats(Function f, SeriesSamples s) {
    int n = s.size();
    return (f == Function.IRATE || f == Function.IDELTA)
        && n >= 2
        && s.histogram(n - 1) == null
        && s.histogram(n - 2) == null;
  }

  /**
   * Extrapolates to the window edges unless the first/last sample is further from the edge than 1.1
   * × the average interval (then only half an interval), and never below a counter's zero; over the
   * samples at {@code [from, to)}, at least two.
   */
  static double extrapolated(
      long[] ts,
      double[] v,
      int from,
      int to,
      long rangeStart,
      long rangeEnd,
      boolean counter,
      boolean perSecond) {
    long firstT = ts[from];
    long lastT = ts[to - 1];
    double result = v[to - 1] - v[from];
    if (counter) {
      double prev = v[from];
      for (int i = from + 1; i < to; i++) {
        if (v[i] < prev) {
          result += prev;
        }
        prev = v[i];
      }
    }
    return result
        * factor(
            to - from, firstT, lastT, rangeStart, rangeEnd, counter, perSecond, v[from], result);
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

  private static double instant(double last, double previous, long interval, boolean isRate) {
    double result = last - previous;
    if (isRate && last < previous) {
      result = last;
    }
    return isRate ? result / (interval / 1000.0) : result;
  }
}
