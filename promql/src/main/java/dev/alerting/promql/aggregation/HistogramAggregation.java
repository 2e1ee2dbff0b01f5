package dev.alerting.promql.aggregation;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.promql.ast.Aggregation;
import dev.alerting.promql.ast.AggregationOp;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.Value;
import dev.alerting.promql.histogram.HistogramArithmetic;
import dev.alerting.promql.histogram.HistogramGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregation of vectors holding native histograms, as Prometheus 3: sum and avg add a group's
 * histograms (a group mixing floats and histograms, or exponential and custom buckets, yields
 * nothing, with a warning upstream); the float-only operators see the floats alone.
 */
final class HistogramAggregation {
  private HistogramAggregation() {}

  static Value sumOrAvg(Aggregation a, Value.Vector input, long t) {
    Map<Labels, List<InstantSample>> groups = new LinkedHashMap<>();
    for (InstantSample s : input.samples()) {
      groups
          .computeIfAbsent(Grouping.key(s, a.grouping(), a.without()), k -> new ArrayList<>())
          .add(s);
    }
    List<InstantSample> out = new ArrayList<>(groups.size());
    groups.forEach(
        (key, members) -> {
          boolean dropName = Aggregations.anyDropsName(members);
          int histograms = 0;
          for (InstantSample s : members) {
            histograms += s.isHistogram() ? 1 : 0;
          }
          if (histograms == 0) {
            double v = Aggregations.reduce(a.op(), Double.NaN, Aggregations.values(members));
            out.add(new InstantSample(key, v, t, dropName));
          } else if (histograms == members.size()) {
            FloatHistogram v = reduce(members, a.op() == AggregationOp.AVG);
            if (v != null) {
              out.add(InstantSample.histogram(key, v, t, dropName));
            }
          }
        });
    return new Value.Vector(out);
  }

  /** The sum or mean of the group's histograms, or null when they do not add up. */
  private static FloatHistogram reduce(List<InstantSample> members, boolean mean) {
    List<FloatHistogram> hs = new ArrayList<>(members.size());
    members.forEach(s -> hs.add(s.histogram()));
    try {
      return mean ? HistogramGroup.mean(hs) : HistogramGroup.sum(hs);
    } catch (HistogramArithmetic.IncompatibleHistograms e) {
      return null;
    }
  }

  static Value.Vector floatsOnly(Value.Vector v) {
    List<InstantSample> out = new ArrayList<>(v.samples().size());
    for (InstantSample s : v.samples()) {
      if (!s.isHistogram()) {
        out.add(s);
      }
    }
    return new Value.Vector(out);
  }
}
