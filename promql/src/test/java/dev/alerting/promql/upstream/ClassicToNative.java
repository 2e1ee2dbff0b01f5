package dev.alerting.promql.upstream;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.HistogramSpan;
import dev.alerting.promql.notation.SeriesNotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code load_with_nhcb} adds to the classic series it loads, as upstream's promqltest does:
 * each classic histogram ({@code x_bucket{le=...}}, {@code x_count}, {@code x_sum}) also as a
 * native histogram with custom buckets named {@code x}, one per step with buckets; the count is
 * {@code x_count} where given, else the highest bucket, the sum {@code x_sum} or 0.
 */
final class ClassicToNative {
  private ClassicToNative() {}

  /** One step of one classic histogram being collected. */
  private static final class Step {
    final TreeMap<Double, Double> buckets = new TreeMap<>();
    Double count;
    double sum;
  }

  /** The native series: labels to (step index to histogram); a group that fails is left out. */
  static Map<Labels, Map<Integer, FloatHistogram>> convert(List<SeriesLine> series) {
    Map<Labels, TreeMap<Integer, Step>> groups = new HashMap<>();
    for (SeriesLine s : series) {
      String name = s.labels().metricName();
      if (name == null || s.histogram()) {
        continue;
      }
      String suffix =
          name.endsWith("_bucket")
              ? "_bucket"
              : name.endsWith("_count") ? "_count" : name.endsWith("_sum") ? "_sum" : null;
      if (suffix == null) {
        continue;
      }
      Double le = null;
      if (suffix.equals("_bucket")) {
        le = bound(s.labels().get("le"));
        if (le == null) {
          continue;
        }
      }
      Labels base =
          s.labels()
              .without("le")
              .with(Labels.METRIC_NAME, name.substring(0, name.length() - suffix.length()));
      TreeMap<Integer, Step> steps = groups.computeIfAbsent(base, k -> new TreeMap<>());
      for (SeriesNotation.Step v : s.steps()) {
        if (v.isStale()) {
          continue;
        }
        Step step = steps.computeIfAbsent(v.index(), k -> new Step());
        switch (suffix) {
          case "_bucket" -> step.buckets.put(le, v.value());
          case "_count" -> step.count = v.value();
          default -> step.sum = v.value();
        }
      }
    }
    Map<Labels, Map<Integer, FloatHistogram>> out = new HashMap<>();
    groups.forEach(
        (labels, steps) -> {
          Map<Integer, FloatHistogram> points = new TreeMap<>();
          steps.forEach(
              (index, step) -> {
                FloatHistogram h = histogram(step);
                if (h != null) {
                  points.put(index, h);
                }
              });
          if (!points.isEmpty()) {
            out.put(labels, points);
          }
        });
    return out;
  }

  private static FloatHistogram histogram(Step step) {
    if (step.buckets.isEmpty()) {
      return null;
    }
    // without a +Inf bucket the highest one holds every observation counted
    double total = step.buckets.lastEntry().getValue();
    List<Double> bounds = new ArrayList<>();
    double[] counts = new double[step.buckets.size()];
    double previous = 0;
    int i = 0;
    for (Map.Entry<Double, Double> b : step.buckets.entrySet()) {
      if (b.getKey() != Double.POSITIVE_INFINITY) {
        bounds.add(b.getKey());
      }
      counts[i++] = b.getValue() - previous;
      previous = b.getValue();
    }
    double[] bounded = bounds.stream().mapToDouble(Double::doubleValue).toArray();
    return FloatHistogram.builder()
        .schema(FloatHistogram.CUSTOM_BUCKETS_SCHEMA)
        .customValues(bounded)
        .count(step.count == null ? total : step.count)
        .sum(step.sum)
        .positive(List.of(new HistogramSpan(0, counts.length)), counts)
        .build();
  }

  private static Double bound(String le) {
    if (le == null) {
      return null;
    }
    try {
      double v =
          switch (le.trim().toLowerCase()) {
            case "+inf", "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(le);
          };
      return Double.isNaN(v) ? null : v;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
