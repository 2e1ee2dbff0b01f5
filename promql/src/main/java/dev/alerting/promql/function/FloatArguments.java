package dev.alerting.promql.function;

import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.promql.ast.Function;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.UnsupportedEvaluationException;
import dev.alerting.promql.engine.Value;
import dev.alerting.promql.storage.SeriesSamples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The arguments of a float-only function with native histograms removed, as Prometheus ignores them
 * there (with an info annotation we do not emit). Allocates nothing when no argument holds a
 * histogram, so the float path pays one scan.
 */
final class FloatArguments {
  private FloatArguments() {}

  static List<Value> floatsOnly(Function f, List<Value> args, Set<Function> unsupported) {
    List<Value> out = null;
    for (int i = 0; i < args.size(); i++) {
      Value v = args.get(i);
      Value filtered = v;
      if (v instanceof Value.Vector vec && hasHistogram(vec)) {
        check(f, unsupported);
        filtered = floats(vec);
      } else if (v instanceof Value.Matrix m && hasHistogram(m)) {
        check(f, unsupported);
        filtered = floats(m);
      }
      if (filtered != v && out == null) {
        out = new ArrayList<>(args);
      }
      if (out != null) {
        out.set(i, filtered);
      }
    }
    return out == null ? args : out;
  }

  private static void check(Function f, Set<Function> unsupported) {
    if (unsupported.contains(f)) {
      throw new UnsupportedEvaluationException(
          f.functionName() + "() over native histograms is not supported");
    }
  }

  private static boolean hasHistogram(Value.Vector v) {
    for (InstantSample s : v.samples()) {
      if (s.isHistogram()) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasHistogram(Value.Matrix m) {
    for (SeriesSamples s : m.series()) {
      if (s.hasHistograms()) {
        return true;
      }
    }
    return false;
  }

  private static Value.Vector floats(Value.Vector v) {
    List<InstantSample> out = new ArrayList<>(v.samples().size());
    for (InstantSample s : v.samples()) {
      if (!s.isHistogram()) {
        out.add(s);
      }
    }
    return new Value.Vector(out);
  }

  private static Value.Matrix floats(Value.Matrix m) {
    List<SeriesSamples> out = new ArrayList<>(m.series().size());
    for (SeriesSamples s : m.series()) {
      SeriesSamples f = floats(s);
      if (f != null) {
        out.add(f);
      }
    }
    return new Value.Matrix(out, m.windowStart(), m.windowEnd());
  }

  /** The float points of a series, or null when it has none. */
  static SeriesSamples floats(SeriesSamples s) {
    if (!s.hasHistograms()) {
      return s;
    }
    long[] ts = new long[s.size()];
    double[] vs = new double[s.size()];
    int n = 0;
    for (int i = 0; i < s.size(); i++) {
      FloatHistogram h = s.histogram(i);
      if (h == null) {
        ts[n] = s.timestamps()[i];
        vs[n] = s.values()[i];
        n++;
      }
    }
    return n == 0
        ? null
        : new SeriesSamples(s.labels(), Arrays.copyOf(ts, n), Arrays.copyOf(vs, n));
  }
}
