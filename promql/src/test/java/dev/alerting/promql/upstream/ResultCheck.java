package dev.alerting.promql.upstream;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.promql.conformance.Tolerance;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.notation.SeriesNotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a result with a promqltest expectation as upstream does: exact label sets, values within
 * {@link Tolerance}, order only where the eval asks for it. Each method answers null when the
 * result matches, else what differs.
 */
final class ResultCheck {
  private ResultCheck() {}

  /** One point of a series in a range result; {@code histogram} is null for a float point. */
  record Point(long t, double value, FloatHistogram histogram) {
    @Override
    public String toString() {
      return (histogram == null ? Double.toString(value) : histogram.toString()) + " @" + t;
    }
  }

  static String scalar(double expected, double got) {
    return Tolerance.close(expected, got) ? null : "expected scalar " + expected + ", got " + got;
  }

  static String vector(List<InstantSample> got, List<SeriesLine> expected, boolean ordered) {
    Map<Labels, Integer> position = new HashMap<>();
    for (int i = 0; i < expected.size(); i++) {
      position.put(expected.get(i).labels(), i);
    }
    Set<Labels> seen = new HashSet<>();
    for (int pos = 0; pos < got.size(); pos++) {
      InstantSample s = got.get(pos);
      Integer at = position.get(s.labels());
      if (at == null) {
        return "unexpected series " + s.labels() + " " + s.value();
      }
      if (ordered && at != pos) {
        return "series " + s.labels() + " at position " + pos + ", expected at " + at;
      }
      List<SeriesNotation.Step> steps = expected.get(at).steps();
      if (steps.size() != 1) {
        return "expected " + steps.size() + " values for " + s.labels() + " in an instant result";
      }
      SeriesNotation.Step want = steps.get(0);
      if (want.isHistogram() || s.isHistogram()) {
        if (!want.isHistogram()
            || !s.isHistogram()
            || !HistogramCheck.matches(want.histogram(), s.histogram())) {
          return "expected "
              + (want.isHistogram() ? want.histogram() : want.value())
              + " for "
              + s.labels()
              + ", got "
              + (s.isHistogram() ? s.histogram() : s.value());
        }
      } else if (!Tolerance.close(want.value(), s.value())) {
        return "expected " + want.value() + " for " + s.labels() + ", got " + s.value();
      }
      seen.add(s.labels());
    }
    for (SeriesLine e : expected) {
      if (!seen.contains(e.labels())) {
        return "expected series " + e.labels() + " not in the result";
      }
    }
    return null;
  }

  /** Series of a range result against expected lines whose step {@code i} is at start + i*step. */
  static String matrix(
      Map<Labels, List<Point>> got, List<SeriesLine> expected, long start, long step) {
    Map<Labels, SeriesLine> byLabels = new HashMap<>();
    expected.forEach(e -> byLabels.put(e.labels(), e));
    for (Map.Entry<Labels, List<Point>> g : got.entrySet()) {
      SeriesLine e = byLabels.get(g.getKey());
      if (e == null) {
        return "unexpected series " + g.getKey() + " " + g.getValue();
      }
      List<Point> want = new ArrayList<>();
      for (SeriesNotation.Step s : e.steps()) {
        if (!s.isStale()) {
          want.add(new Point(start + s.index() * step, s.value(), s.histogram()));
        }
      }
      String diff = points(g.getKey(), want, g.getValue());
      if (diff != null) {
        return diff;
      }
    }
    for (SeriesLine e : expected) {
      if (!got.containsKey(e.labels())) {
        return "expected series " + e.labels() + " not in the result";
      }
    }
    return null;
  }

  private static String points(Labels series, List<Point> want, List<Point> got) {
    if (want.size() != got.size()) {
      return "expected " + want.size() + " points for " + series + ", got " + got;
    }
    for (int i = 0; i < want.size(); i++) {
      Point w = want.get(i);
      Point g = got.get(i);
      boolean same =
          w.histogram() != null || g.histogram() != null
              ? w.histogram() != null
                  && g.histogram() != null
                  && HistogramCheck.matches(w.histogram(), g.histogram())
              : Tolerance.close(w.value(), g.value());
      if (w.t() != g.t() || !same) {
        return "expected " + w + " at index " + i + " for " + series + ", got " + g;
      }
    }
    return null;
  }
}
