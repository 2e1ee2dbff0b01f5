package dev.alerting.promql.histogram;

import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.HistogramSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One side (positive or negative) of a histogram as absolute bucket index to count, the working
 * form for arithmetic; converted back to spans with {@link #spans()} and {@link #counts()}.
 */
final class Buckets {
  final TreeMap<Integer, Double> counts = new TreeMap<>();

  static Buckets positive(FloatHistogram h) {
    return of(h.positiveBucketIndexes(), h.positiveBuckets());
  }

  static Buckets negative(FloatHistogram h) {
    return of(h.negativeBucketIndexes(), h.negativeBuckets());
  }

  private static Buckets of(int[] indexes, double[] values) {
    Buckets b = new Buckets();
    for (int i = 0; i < indexes.length; i++) {
      b.counts.merge(indexes[i], values[i], Double::sum);
    }
    return b;
  }

  /** The same buckets at a lower (coarser) exponential schema: neighbours merge. */
  Buckets reduced(int from, int to) {
    if (from == to) {
      return this;
    }
    Buckets b = new Buckets();
    int shift = from - to;
    counts.forEach((i, c) -> b.counts.merge(((i - 1) >> shift) + 1, c, Double::sum));
    return b;
  }

  void add(Buckets other, double factor) {
    other.counts.forEach((i, c) -> counts.merge(i, c * factor, Double::sum));
  }

  void scale(double factor, boolean divide) {
    counts.replaceAll((i, c) -> divide ? c / factor : c * factor);
  }

  /** Drops buckets whose count is 0, as Prometheus's {@code Compact(0)}. */
  void compact() {
    counts.values().removeIf(c -> c == 0);
  }

  List<HistogramSpan> spans() {
    List<HistogramSpan> out = new ArrayList<>();
    Integer previous = null;
    int length = 0;
    int offset = 0;
    for (int i : counts.keySet()) {
      if (previous != null && i == previous + 1) {
        length++;
      } else {
        if (previous != null) {
          out.add(new HistogramSpan(offset, length));
          offset = i - previous - 1;
        } else {
          offset = i;
        }
        length = 1;
      }
      previous = i;
    }
    if (previous != null) {
      out.add(new HistogramSpan(offset, length));
    }
    return out;
  }

  double[] values() {
    double[] out = new double[counts.size()];
    int n = 0;
    for (Map.Entry<Integer, Double> e : counts.entrySet()) {
      out[n++] = e.getValue();
    }
    return out;
  }
}
