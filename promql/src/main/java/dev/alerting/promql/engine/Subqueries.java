package dev.alerting.promql.engine;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.promql.ast.Subquery;
import dev.alerting.promql.storage.SeriesSamples;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evaluates a subquery as Prometheus does: the inner expression at every multiple of the step in
 * the left-open window (t-offset-range, t-offset], each point stamped with its step's time.
 */
final class Subqueries {
  private Subqueries() {}

  interface InnerEvaluation {
    Value at(long time);
  }

  /** {@code t} is the evaluation time, or the time of the subquery's {@code @} modifier. */
  static Value.Matrix evaluate(Subquery sq, long t, InnerEvaluation inner) {
    long step = sq.effectiveStepMillis();
    long end = t - sq.offsetMillis();
    long windowStart = end - sq.rangeMillis();
    // The first multiple of step after windowStart.
    long first = Math.floorDiv(windowStart, step) * step + step;
    Map<Labels, Points> series = new LinkedHashMap<>();
    for (long ts = first; ts <= end; ts += step) {
      for (InstantSample s : ((Value.Vector) inner.at(ts)).samples()) {
        series.computeIfAbsent(s.labels(), k -> new Points()).add(ts, s.value(), s.histogram());
      }
    }
    return new Value.Matrix(
        series.entrySet().stream().map(e -> e.getValue().toSeries(e.getKey())).toList(),
        windowStart,
        end);
  }

  /** A growing series of points. */
  private static final class Points {
    private long[] times = new long[8];
    private double[] values = new double[8];
    // allocated at the first histogram point only
    private FloatHistogram[] histograms;
    private int n;

    void add(long t, double v, FloatHistogram h) {
      if (n == times.length) {
        times = Arrays.copyOf(times, n * 2);
        values = Arrays.copyOf(values, n * 2);
        if (histograms != null) {
          histograms = Arrays.copyOf(histograms, n * 2);
        }
      }
      if (h != null && histograms == null) {
        histograms = new FloatHistogram[times.length];
      }
      times[n] = t;
      values[n] = v;
      if (histograms != null) {
        histograms[n] = h;
      }
      n++;
    }

    SeriesSamples toSeries(Labels labels) {
      return new SeriesSamples(
          labels,
          Arrays.copyOf(times, n),
          Arrays.copyOf(values, n),
          histograms == null ? null : Arrays.copyOf(histograms, n));
    }
  }
}
