package dev.alerting.promql.histogram;

import dev.alerting.model.sample.FloatHistogram;
import java.util.ArrayList;
import java.util.List;

/**
 * Every bucket of a histogram in ascending order, as Prometheus's {@code AllBucketIterator}:
 * negative buckets from the lowest, the zero bucket when it holds observations, then positive
 * buckets; a bucket overlapping the zero bucket is cut at the zero threshold. The list holds the
 * negative buckets first ({@code negativeBucketCount()} of them), then the zero bucket when {@code
 * zeroCount() > 0}, then the positive buckets, so a caller can tell each bucket's kind by position.
 */
public final class BucketList {
  private BucketList() {}

  public static List<Bucket> ascending(FloatHistogram h) {
    List<Bucket> out = new ArrayList<>();
    double zt = h.zeroThreshold();
    int[] negative = h.negativeBucketIndexes();
    for (int i = negative.length - 1; i >= 0; i--) {
      double lower = -BucketBounds.upper(negative[i], h.schema());
      double upper = -BucketBounds.upper(negative[i] - 1, h.schema());
      if (upper < 0 && upper > -zt) {
        upper = -zt;
      }
      out.add(new Bucket(lower, upper, h.negativeBucket(i)));
    }
    if (h.zeroCount() > 0) {
      out.add(new Bucket(-zt, zt, h.zeroCount()));
    }
    int[] positive = h.positiveBucketIndexes();
    for (int i = 0; i < positive.length; i++) {
      double lower = BucketBounds.lower(h, positive[i]);
      double upper = BucketBounds.upper(h, positive[i]);
      if (!h.usesCustomBuckets() && lower > 0 && lower < zt) {
        lower = zt;
      }
      out.add(new Bucket(lower, upper, h.positiveBucket(i)));
    }
    return out;
  }
}
