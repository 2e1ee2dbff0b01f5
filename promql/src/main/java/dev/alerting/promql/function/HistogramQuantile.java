package dev.alerting.promql.function;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.HistogramSpan;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.LabelMemo;
import dev.alerting.promql.engine.MetricName;
import dev.alerting.promql.engine.Value;
import dev.alerting.promql.histogram.HistogramStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * histogram_quantile over classic {@code le} buckets, following Prometheus 3's {@code
 * BucketQuantile}, and over native histograms ({@link HistogramStatistics#quantile}).
 */
final class HistogramQuantile {
  private static final double SMALL_DELTA_TOLERANCE = 1e-12;

  // The LabelMemo operation "a classic bucket's labels without le".
  private static final Object BUCKET_SET = new Object();

  private HistogramQuantile() {}

  private record Bucket(double upperBound, double count) {}

  static Value apply(double q, List<InstantSample> in, long t) {
    return estimate(in, t, b -> quantile(q, b), h -> HistogramStatistics.quantile(q, h));
  }

  /** histogram_fraction over classic buckets and native histograms alike. */
  static Value fraction(double lower, double upper, List<InstantSample> in, long t) {
    return estimate(
        in, t, b -> fraction(lower, upper, b), h -> HistogramStatistics.fraction(lower, upper, h));
  }

  /**
   * One estimate per classic bucket set (series alike but for {@code le}) and per native histogram
   * element. A native histogram whose labels are those of a bucket set is ambiguous: Prometheus
   * drops both (with a warning).
   */
  private static Value estimate(
      List<InstantSample> in,
      long t,
      ToDoubleFunction<List<Bucket>> classic,
      ToDoubleFunction<FloatHistogram> nativeFn) {
    Map<Labels, List<Bucket>> groups = new LinkedHashMap<>();
    Map<Labels, Labels> outLabels = new LinkedHashMap<>();
    Map<Labels, InstantSample> natives = new LinkedHashMap<>();
    for (InstantSample s : in) {
      // a name already marked for removal is not part of the bucket set's identity
      Labels identity = s.dropName() ? MetricName.drop(s.labels()) : s.labels();
      if (s.isHistogram()) {
        natives.put(identity, s);
        continue;
      }
      double upper;
      try {
        upper = parseBound(s.labels().get("le"));
      } catch (NumberFormatException | NullPointerException e) {
        continue; // Prometheus skips (and annotates) series without a parseable le.
      }
      Labels key = LabelMemo.derive(identity, BUCKET_SET, l -> l.without("le"));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new Bucket(upper, s.value()));
      outLabels.computeIfAbsent(key, k -> MetricName.drop(k));
    }
    List<InstantSample> out = new ArrayList<>();
    natives.forEach(
        (identity, s) -> {
          if (!groups.containsKey(identity)) {
            out.add(s.droppingName(nativeFn.applyAsDouble(s.histogram()), t));
          }
        });
    groups.forEach(
        (key, buckets) -> {
          if (!natives.containsKey(key)) {
            out.add(new InstantSample(outLabels.get(key), classic.applyAsDouble(buckets), t));
          }
        });
    return new Value.Vector(out);
  }

  /**
   * The fraction of observations in (lower, upper] of a classic bucket set, read as the histogram
   * with custom buckets it describes: NaN without a +Inf bucket.
   */
  static double fraction(double lower, double upper, List<Bucket> input) {
    List<Bucket> sorted = new ArrayList<>(input);
    sorted.sort((a, b) -> Double.compare(a.upperBound, b.upperBound));
    if (sorted.get(sorted.size() - 1).upperBound != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    double[][] b = coalesce(sorted);
    int n = b.length;
    double[] bounds = new double[n - 1];
    double[] counts = new double[n];
    for (int i = 0; i < n; i++) {
      if (i < n - 1) {
        bounds[i] = b[i][0];
      }
      counts[i] = b[i][1] - (i == 0 ? 0 : b[i - 1][1]);
    }
    FloatHistogram h =
        FloatHistogram.builder()
            .schema(FloatHistogram.CUSTOM_BUCKETS_SCHEMA)
            .customValues(bounds)
            .count(b[n - 1][1])
            .positive(List.of(new HistogramSpan(0, n)), counts)
            .build();
    return HistogramStatistics.fraction(lower, upper, h);
  }

  /** Go's strconv.ParseFloat spellings of infinity that exporters use for the last bucket. */
  static double parseBound(String le) {
    String l = le.trim().toLowerCase();
    return switch (l) {
      case "+inf", "inf", "+infinity", "infinity" -> Double.POSITIVE_INFINITY;
      case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
      case "nan" -> Double.NaN;
      default -> Double.parseDouble(le);
    };
  }

  static double quantile(double q, List<Bucket> input) {
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    List<Bucket> sorted = new ArrayList<>(input);
    sorted.sort((a, b) -> Double.compare(a.upperBound, b.upperBound));
    if (sorted.get(sorted.size() - 1).upperBound != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    double[][] b = coalesce(sorted);
    ensureMonotonic(b);
    int n = b.length;
    if (n < 2) {
      return Double.NaN;
    }
    double observations = b[n - 1][1];
    if (observations == 0) {
      return Double.NaN;
    }
    double rank = q * observations;
    int i = 0;
    while (i < n - 1 && !(b[i][1] >= rank)) {
      i++;
    }
    if (i == n - 1) {
      return b[n - 2][0];
    }
    if (i == 0 && b[0][0] <= 0) {
      return b[0][0];
    }
    double start = 0;
    double end = b[i][0];
    double count = b[i][1];
    if (i > 0) {
      start = b[i - 1][0];
      count -= b[i - 1][1];
      rank -= b[i - 1][1];
    }
    return start + (end - start) * (rank / count);
  }

  /** Buckets with the same upper bound (e.g. "1" and "1.0") are added together. */
  private static double[][] coalesce(List<Bucket> sorted) {
    List<double[]> out = new ArrayList<>();
    double[] last = {sorted.get(0).upperBound, sorted.get(0).count};
    for (int i = 1; i < sorted.size(); i++) {
      Bucket b = sorted.get(i);
      if (b.upperBound == last[0]) {
        last[1] += b.count;
      } else {
        out.add(last);
        last = new double[] {b.upperBound, b.count};
      }
    }
    out.add(last);
    return out.toArray(new double[0][]);
  }

  /**
   * Decreasing cumulative counts (scrape races) are raised to the previous count; tiny float noise
   * is ignored.
   */
  private static void ensureMonotonic(double[][] b) {
    double prev = b[0][1];
    for (int i = 1; i < b.length; i++) {
      double curr = b[i][1];
      if (curr == prev) {
        continue;
      }
      if (Floats.almostEqual(prev, curr, SMALL_DELTA_TOLERANCE)) {
        b[i][1] = prev;
        continue;
      }
      if (curr < prev) {
        b[i][1] = prev;
        continue;
      }
      prev = curr;
    }
  }
}
