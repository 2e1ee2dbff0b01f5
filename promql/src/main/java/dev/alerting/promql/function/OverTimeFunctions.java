package dev.alerting.promql.function;

import dev.alerting.promql.ast.Function;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.KahanSum;
import dev.alerting.promql.engine.Quantiles;
import dev.alerting.promql.engine.Value;
import dev.alerting.promql.storage.SeriesSamples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The *_over_time family plus changes, resets, deriv and predict_linear: one value per series from
 * its window.
 */
final class OverTimeFunctions {
  private OverTimeFunctions() {}

  static Value apply(Function f, List<Value> args, long t) {
    int matrixArg = f == Function.QUANTILE_OVER_TIME ? 1 : 0;
    List<SeriesSamples> in = Functions.matrix(args, matrixArg);
    List<InstantSample> out = new ArrayList<>();
    for (SeriesSamples s : in) {
      if (s.hasHistograms()) {
        // only the functions that read histograms get here with them (Functions filters)
        InstantSample r = HistogramOverTime.apply(f, s, t);
        if (r != null) {
          out.add(r);
        }
        continue;
      }
      double[] v = s.values();
      int n = v.length;
      Double r =
          switch (f) {
            case AVG_OVER_TIME -> KahanSum.mean(v, n);
            case SUM_OVER_TIME -> sum(v);
            case COUNT_OVER_TIME -> (double) n;
            case LAST_OVER_TIME -> v[n - 1];
            case FIRST_OVER_TIME -> v[0];
            case MAD_OVER_TIME -> mad(v);
            case TS_OF_FIRST_OVER_TIME -> s.timestamps()[0] / 1000.0;
            case TS_OF_LAST_OVER_TIME -> s.timestamps()[n - 1] / 1000.0;
            case TS_OF_MIN_OVER_TIME -> s.timestamps()[extremeIndex(v, true)] / 1000.0;
            case TS_OF_MAX_OVER_TIME -> s.timestamps()[extremeIndex(v, false)] / 1000.0;
            case PRESENT_OVER_TIME -> 1.0;
            case MIN_OVER_TIME -> min(v);
            case MAX_OVER_TIME -> max(v);
            case STDDEV_OVER_TIME -> Math.sqrt(variance(v));
            case STDVAR_OVER_TIME -> variance(v);
            case QUANTILE_OVER_TIME -> Quantiles.quantile(Functions.scalar(args, 0), v);
            case CHANGES -> (double) changes(v);
            case RESETS -> (double) resets(v);
            case DERIV -> n < 2 ? null : Regression.fit(s, s.timestamps()[0])[0];
            case PREDICT_LINEAR -> n < 2 ? null : predict(s, t, Functions.scalar(args, 1));
            default -> throw new IllegalArgumentException(f.functionName());
          };
      if (r != null) {
        // Prometheus keeps the metric name only for first_ and last_over_time.
        boolean keepsName = f == Function.LAST_OVER_TIME || f == Function.FIRST_OVER_TIME;
        out.add(new InstantSample(s.labels(), r, t, !keepsName));
      }
    }
    return new Value.Vector(out);
  }

  /** The median of the absolute deviations from the median; NaN if any value is. */
  private static double mad(double[] v) {
    for (double d : v) {
      if (Double.isNaN(d)) {
        return Double.NaN;
      }
    }
    double median = Quantiles.quantile(0.5, v);
    double[] deviations = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      deviations[i] = Math.abs(v[i] - median);
    }
    return Quantiles.quantile(0.5, deviations);
  }

  /**
   * Where min_over_time/max_over_time find their value: the latest of equal extremes, a NaN only
   * when every value is NaN.
   */
  private static int extremeIndex(double[] v, boolean min) {
    int at = 0;
    for (int i = 1; i < v.length; i++) {
      double m = v[at];
      if ((min ? v[i] <= m : v[i] >= m) || Double.isNaN(m)) {
        at = i;
      }
    }
    return at;
  }

  private static double sum(double[] v) {
    KahanSum k = new KahanSum();
    Arrays.stream(v).forEach(k::add);
    return k.value();
  }

  /** NaN only wins if every value is NaN, as in Prometheus. */
  private static double min(double[] v) {
    double m = v[0];
    for (double d : v) {
      if (d < m || Double.isNaN(m)) {
        m = d;
      }
    }
    return m;
  }

  private static double max(double[] v) {
    double m = v[0];
    for (double d : v) {
      if (d > m || Double.isNaN(m)) {
        m = d;
      }
    }
    return m;
  }

  /** Welford's algorithm with compensated sums, as Prometheus's stdvar_over_time. */
  private static double variance(double[] v) {
    double count = 0;
    KahanSum mean = new KahanSum();
    KahanSum aux = new KahanSum();
    for (double f : v) {
      count++;
      double delta = f - mean.value();
      mean.add(delta / count);
      aux.add(delta * (f - mean.value()));
    }
    return aux.value() / count;
  }

  private static int changes(double[] v) {
    int changes = 0;
    for (int i = 1; i < v.length; i++) {
      if (!(v[i] == v[i - 1] || (Double.isNaN(v[i]) && Double.isNaN(v[i - 1])))) {
        changes++;
      }
    }
    return changes;
  }

  private static int resets(double[] v) {
    int resets = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] < v[i - 1]) {
        resets++;
      }
    }
    return resets;
  }

  private static double predict(SeriesSamples s, long t, double seconds) {
    double[] fit = Regression.fit(s, t);
    return fit[0] * seconds + fit[1];
  }
}
