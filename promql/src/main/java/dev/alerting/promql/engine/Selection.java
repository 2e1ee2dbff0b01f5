package dev.alerting.promql.engine;

import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.Sample;
import dev.alerting.promql.ast.MatrixSelector;
import dev.alerting.promql.ast.VectorSelector;
import dev.alerting.promql.storage.SeriesSamples;
import dev.alerting.promql.storage.SeriesSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads selectors from a {@link SeriesSource} with Prometheus 3 window and staleness semantics. */
final class Selection {
  private Selection() {}

  static boolean isStale(double v) {
    return Double.doubleToRawLongBits(v) == Sample.STALE_NAN_BITS;
  }

  /**
   * The newest sample in (t-offset-lookback, t-offset], unless that sample is a stale marker;
   * {@code t} is the evaluation time or the selector's {@code @} time.
   */
  static List<InstantSample> instant(
      VectorSelector vs, long t, long lookback, SeriesSource source) {
    long end = t - vs.offsetMillis();
    List<InstantSample> out = new ArrayList<>();
    for (SeriesSamples s : source.select(vs.matchers(), end - lookback, end)) {
      int last = s.size() - 1;
      if (last < 0 || (isStale(s.values()[last]) && s.histogram(last) == null)) {
        continue;
      }
      out.add(
          new InstantSample(
              s.labels(), s.values()[last], s.timestamps()[last], false, s.histogram(last)));
    }
    return out;
  }

  /**
   * Samples in the left-open window (t-offset-range, t-offset], stale markers dropped, empty series
   * omitted.
   */
  static Value.Matrix range(MatrixSelector ms, long t, SeriesSource source) {
    long end = t - ms.selector().offsetMillis();
    List<SeriesSamples> out = new ArrayList<>();
    for (SeriesSamples s : source.select(ms.selector().matchers(), end - ms.rangeMillis(), end)) {
      long[] ts = new long[s.size()];
      double[] vs = new double[s.size()];
      FloatHistogram[] hs = s.hasHistograms() ? new FloatHistogram[s.size()] : null;
      int n = 0;
      for (int i = 0; i < s.size(); i++) {
        if (!isStale(s.values()[i]) || s.histogram(i) != null) {
          ts[n] = s.timestamps()[i];
          vs[n] = s.values()[i];
          if (hs != null) {
            hs[n] = s.histogram(i);
          }
          n++;
        }
      }
      if (n > 0) {
        out.add(
            new SeriesSamples(
                s.labels(),
                Arrays.copyOf(ts, n),
                Arrays.copyOf(vs, n),
                hs == null ? null : Arrays.copyOf(hs, n)));
      }
    }
    return new Value.Matrix(out, end - ms.rangeMillis(), end);
  }
}
