package dev.alerting.promql.engine;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.Sample;
import dev.alerting.promql.ast.MatrixSelector;
import dev.alerting.promql.ast.VectorSelector;
import dev.alerting.promql.storage.SeriesSamples;
import dev.alerting.promql.storage.SeriesSource;
import java.util.ArrayList;
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
    // Only the newest sample is read, from where the source keeps it: not a copy, nor a decoding,
    // of the whole lookback window.
    source.forEachNewest(
        vs.matchers(),
        end - lookback,
        end,
        (labels, ts, value, h) -> {
          if (!isStale(value) || h != null) {
            out.add(new InstantSample(labels, value, ts, false, h));
          }
        });
    return out;
  }

  /** As {@link #instant}, from the copies {@link SeriesSource#select} makes (the general path). */
  static List<InstantSample> instantFromCopies(
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
      SeriesSamples kept = withoutStaleMarkers(s);
      if (kept != null) {
        out.add(kept);
      }
    }
    return new Value.Matrix(out, end - ms.rangeMillis(), end);
  }

  /**
   * {@code s} without its stale markers (itself when it has none: the source's copy is ours), or
   * null when nothing else is left.
   */
  static SeriesSamples withoutStaleMarkers(SeriesSamples s) {
    int stale = staleMarkers(s.values(), s.histograms(), 0, s.size());
    if (stale == 0) {
      return s;
    }
    int n = s.size() - stale;
    if (n == 0) {
      return null;
    }
    return copyWithoutStaleMarkers(
        s.labels(), s.timestamps(), s.values(), s.histograms(), 0, s.size(), n);
  }

  /** How many of the samples at [from, to) are stale markers (float NaN of the stale bits). */
  static int staleMarkers(double[] values, FloatHistogram[] hs, int from, int to) {
    int stale = 0;
    for (int i = from; i < to; i++) {
      if (isStale(values[i]) && (hs == null || hs[i] == null)) {
        stale++;
      }
    }
    return stale;
  }

  /** Whether a native histogram is among the samples at [from, to). */
  static boolean anyHistogram(FloatHistogram[] hs, int from, int to) {
    if (hs != null) {
      for (int i = from; i < to; i++) {
        if (hs[i] != null) {
          return true;
        }
      }
    }
    return false;
  }

  /** A copy of the {@code n} samples at [from, to) that are not stale markers. */
  static SeriesSamples copyWithoutStaleMarkers(
      Labels labels, long[] ts, double[] values, FloatHistogram[] hs, int from, int to, int n) {
    long[] t = new long[n];
    double[] v = new double[n];
    FloatHistogram[] h = anyHistogram(hs, from, to) ? new FloatHistogram[n] : null;
    int k = 0;
    for (int i = from; i < to; i++) {
      FloatHistogram hi = hs == null ? null : hs[i];
      if (!isStale(values[i]) || hi != null) {
        t[k] = ts[i];
        v[k] = values[i];
        if (h != null) {
          h[k] = hi;
        }
        k++;
      }
    }
    return new SeriesSamples(labels, t, v, h);
  }
}
