package dev.alerting.promql.function;

import dev.alerting.promql.engine.EvaluationException;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.Value;
import dev.alerting.promql.storage.SeriesSamples;
import java.util.ArrayList;
import java.util.List;

/**
 * double_exponential_smoothing (Holt's linear method, once holt_winters): the smoothed value at the
 * last sample of each series, from smoothing factor {@code sf} and trend factor {@code tf}, both in
 * (0, 1). A series with fewer than two samples has no result.
 */
final class Smoothing {
  private Smoothing() {}

  static Value apply(List<SeriesSamples> in, double sf, double tf, long t) {
    check("smoothing", sf);
    check("trend", tf);
    List<InstantSample> out = new ArrayList<>();
    for (SeriesSamples s : in) {
      double[] v = s.values();
      if (v.length < 2) {
        continue;
      }
      double previous = 0;
      double level = v[0];
      double trend = v[1] - v[0];
      for (int i = 1; i < v.length; i++) {
        if (i > 1) {
          trend = tf * (level - previous) + (1 - tf) * trend;
        }
        double next = sf * v[i] + (1 - sf) * (level + trend);
        previous = level;
        level = next;
      }
      out.add(new InstantSample(s.labels(), level, t, true));
    }
    return new Value.Vector(out);
  }

  private static void check(String what, double factor) {
    if (!(factor > 0 && factor < 1)) {
      throw new EvaluationException(
          "invalid " + what + " factor. Expected: 0 < " + what.charAt(0) + "f < 1, got: " + factor);
    }
  }
}
