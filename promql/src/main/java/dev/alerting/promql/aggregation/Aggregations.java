package dev.alerting.promql.aggregation;

import dev.alerting.model.Labels;
import dev.alerting.promql.ast.Aggregation;
import dev.alerting.promql.ast.AggregationOp;
import dev.alerting.promql.engine.EvaluationException;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.KahanSum;
import dev.alerting.promql.engine.Quantiles;
import dev.alerting.promql.engine.UnsupportedEvaluationException;
import dev.alerting.promql.engine.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluates aggregation operators over one instant vector, group by group. */
public final class Aggregations {
  private Aggregations() {}

  public static Value evaluate(Aggregation a, Value param, Value.Vector input, long t) {
    for (InstantSample s : input.samples()) {
      if (s.isHistogram()) {
        throw new UnsupportedEvaluationException(
            a.op().keyword() + " over native histograms is not supported");
      }
    }
    Map<Labels, List<InstantSample>> groups = new LinkedHashMap<>();
    for (InstantSample s : input.samples()) {
      groups
          .computeIfAbsent(Grouping.key(s, a.grouping(), a.without()), k -> new ArrayList<>())
          .add(s);
    }
    if (a.op() == AggregationOp.COUNT_VALUES) {
      return new Value.Vector(CountValues.count(groups, ((Value.Str) param).value(), t));
    }
    double p = param == null ? Double.NaN : ((Value.Scalar) param).value();
    switch (a.op()) {
      case TOPK, BOTTOMK:
        return new Value.Vector(
            TopK.select(groups.values(), k(a.op(), p), a.op() == AggregationOp.TOPK, t));
      case LIMITK:
        return new Value.Vector(Limits.first(groups.values(), k(a.op(), p), t));
      case LIMIT_RATIO:
        if (Double.isNaN(p)) {
          throw new EvaluationException("Ratio value is NaN");
        }
        return new Value.Vector(Limits.ratio(groups.values(), p, t));
      default:
        break;
    }
    List<InstantSample> out = new ArrayList<>(groups.size());
    groups.forEach(
        (key, members) ->
            out.add(
                new InstantSample(
                    key, reduce(a.op(), p, values(members)), t, anyDropsName(members))));
    return new Value.Vector(out);
  }

  private static long k(AggregationOp op, double p) {
    if (Double.isNaN(p)) {
      throw new EvaluationException("parameter value is NaN for " + op.keyword());
    }
    if (p >= 9.223372036854775807E18) {
      throw new EvaluationException("scalar value " + p + " overflows int64");
    }
    return (long) p;
  }

  /**
   * A group kept by its {@code __name__} loses it at the end if any member was to lose it (the
   * group's name would otherwise depend on which member came first).
   */
  private static boolean anyDropsName(List<InstantSample> members) {
    for (InstantSample s : members) {
      if (s.dropName()) {
        return true;
      }
    }
    return false;
  }

  private static double[] values(List<InstantSample> members) {
    double[] v = new double[members.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = members.get(i).value();
    }
    return v;
  }

  static double reduce(AggregationOp op, double param, double[] v) {
    return switch (op) {
      case SUM -> {
        KahanSum k = new KahanSum();
        for (double d : v) {
          k.add(d);
        }
        yield k.value();
      }
      case AVG -> KahanSum.mean(v, v.length);
      case COUNT -> v.length;
      case GROUP -> 1;
      case MIN -> extreme(v, true);
      case MAX -> extreme(v, false);
      case STDDEV -> Math.sqrt(variance(v));
      case STDVAR -> variance(v);
      case QUANTILE -> Quantiles.quantile(param, v);
      default -> throw new IllegalArgumentException(op.keyword());
    };
  }

  /** A NaN only survives if all values are NaN. */
  private static double extreme(double[] v, boolean min) {
    double m = v[0];
    for (double d : v) {
      if ((min ? m > d : m < d) || Double.isNaN(m)) {
        m = d;
      }
    }
    return m;
  }

  /**
   * Welford's online variance, seeded like Prometheus 3 (a non-finite first value poisons the
   * result).
   */
  private static double variance(double[] v) {
    double mean = v[0];
    double m2 = Double.isNaN(v[0]) || Double.isInfinite(v[0]) ? Double.NaN : 0;
    for (int i = 1; i < v.length; i++) {
      double count = i + 1;
      double delta = v[i] - mean;
      mean += delta / count;
      m2 += delta * (v[i] - mean);
    }
    return m2 / v.length;
  }
}
