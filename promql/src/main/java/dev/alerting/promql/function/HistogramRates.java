package dev.alerting.promql.function;

import dev.alerting.model.sample.CounterResetHint;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.promql.ast.Function;
import dev.alerting.promql.histogram.HistogramArithmetic;
import dev.alerting.promql.storage.SeriesSamples;

/**
 * rate, increase, delta, irate and idelta of a series holding native histograms, as Prometheus 3's
 * {@code histogramRate} and {@code instantValue}: the last histogram minus the first (at the lowest
 * schema in the window), plus every histogram before a counter reset for counters, extrapolated as
 * float rates are; the result is a gauge histogram. A window mixing floats and histograms, or
 * exponential and custom buckets, gives no result (Prometheus warns).
 */
final class HistogramRates {
  private HistogramRates() {}

  static FloatHistogram apply(Function f, SeriesSamples s, long rangeStart, long rangeEnd) {
    return switch (f) {
      case RATE -> extrapolated(s, rangeStart, rangeEnd, true, true);
      case INCREASE -> extrapolated(s, rangeStart, rangeEnd, true, false);
      case DELTA -> extrapolated(s, rangeStart, rangeEnd, false, false);
      case IRATE -> instant(s, true);
      case IDELTA -> instant(s, false);
      default -> throw new IllegalArgumentException(f.functionName());
    };
  }

  private static boolean allHistograms(SeriesSamples s, int from) {
    for (int i = from; i < s.size(); i++) {
      if (s.histogram(i) == null) {
        return false;
      }
    }
    return true;
  }

  private static FloatHistogram extrapolated(
      SeriesSamples s, long rangeStart, long rangeEnd, boolean counter, boolean perSecond) {
    int n = s.size();
    if (n < 2 || !allHistograms(s, 0)) {
      return null;
    }
    FloatHistogram h;
    try {
      h = increase(s, counter);
    } catch (HistogramArithmetic.IncompatibleHistograms e) {
      return null;
    }
    if (h == null) {
      return null;
    }
    double factor =
        RateFunctions.factor(
            n,
            s.timestamps()[0],
            s.timestamps()[n - 1],
            rangeStart,
            rangeEnd,
            counter,
            perSecond,
            s.histogram(0).count(),
            h.count());
    return HistogramArithmetic.compact(
        HistogramArithmetic.multiply(h, factor).withCounterResetHint(CounterResetHint.GAUGE));
  }

  /** The raw increase from the first to the last histogram, resets accounted for counters. */
  private static FloatHistogram increase(SeriesSamples s, boolean counter) {
    int n = s.size();
    FloatHistogram prev = s.histogram(0);
    FloatHistogram last = s.histogram(n - 1);
    if (counter && HistogramArithmetic.detectReset(s.histogram(1), prev)) {
      // a reset right after the first sample: its layout does not matter, it counts as empty
      FloatHistogram second = s.histogram(1);
      prev =
          FloatHistogram.builder()
              .schema(second.schema())
              .customValues(second.usesCustomBuckets() ? second.customValues() : null)
              .build();
    }
    if (last.usesCustomBuckets() != prev.usesCustomBuckets()) {
      return null;
    }
    int minSchema = Math.min(prev.schema(), last.schema());
    for (int i = 1; i < n - 1; i++) {
      FloatHistogram curr = s.histogram(i);
      if (curr.usesCustomBuckets() != prev.usesCustomBuckets()) {
        return null;
      }
      if (counter) {
        minSchema = Math.min(minSchema, curr.schema());
      }
    }
    FloatHistogram h =
        HistogramArithmetic.subtract(
            last.usesCustomBuckets() ? last : HistogramArithmetic.toSchema(last, minSchema), prev);
    if (counter) {
      for (int i = 1; i < n; i++) {
        FloatHistogram curr = s.histogram(i);
        if (HistogramArithmetic.detectReset(curr, prev)) {
          h = HistogramArithmetic.add(h, prev);
        }
        prev = curr;
      }
    }
    return h;
  }

  private static FloatHistogram instant(SeriesSamples s, boolean isRate) {
    int n = s.size();
    if (n < 2 || !allHistograms(s, n - 2)) {
      return null;
    }
    FloatHistogram last = s.histogram(n - 1);
    FloatHistogram previous = s.histogram(n - 2);
    FloatHistogram result = last;
    try {
      if (!isRate || !HistogramArithmetic.detectReset(last, previous)) {
        result = HistogramArithmetic.subtract(last, previous);
      }
    } catch (HistogramArithmetic.IncompatibleHistograms e) {
      return null;
    }
    result = HistogramArithmetic.compact(result.withCounterResetHint(CounterResetHint.GAUGE));
    if (isRate) {
      long interval = s.timestamps()[n - 1] - s.timestamps()[n - 2];
      result = HistogramArithmetic.divide(result, interval / 1000.0);
    }
    return result;
  }
}
