package dev.alerting.rule.api;

import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.promql.histogram.Bucket;
import dev.alerting.promql.histogram.BucketList;
import dev.alerting.rule.template.GoFloat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A native histogram in the JSON shape of Prometheus's HTTP API ({@code jsonutil.MarshalHistogram},
 * what Grafana reads): {@code {"count": "…", "sum": "…", "buckets": [[rule, "lower", "upper",
 * "count"], …]}}, numbers as strings in Prometheus's float format ({@link GoFloat#json}).
 *
 * <p>Facts this follows, from Prometheus's {@code FloatHistogram.AllBucketIterator} and bucket
 * iterators: buckets ascend (negative buckets, the zero bucket when its count is above 0, positive
 * buckets), a bucket overlapping the zero bucket is cut at the zero threshold, and buckets with
 * count 0 are left out; without any bucket the {@code buckets} field is absent. The rule says which
 * bounds are inclusive: 0 lower open and upper closed, 1 lower closed and upper open, 2 both open,
 * 3 both closed. Exponential buckets are closed on the side away from zero (negative buckets 1,
 * positive buckets 0); the zero bucket is closed on both sides (3); custom buckets are closed
 * above, and the first one ({@code -Inf}, its lower bound) also below (3, then 0).
 */
final class HistogramJson {
  static final int LOWER_OPEN = 0;
  static final int UPPER_OPEN = 1;
  static final int CLOSED = 3;

  private HistogramJson() {}

  static JsonObject of(FloatHistogram h) {
    JsonObject out =
        new JsonObject().put("count", GoFloat.json(h.count())).put("sum", GoFloat.json(h.sum()));
    List<Bucket> all = BucketList.ascending(h);
    int negatives = h.negativeBucketCount();
    int zero = h.zeroCount() > 0 ? 1 : 0;
    int[] positiveIndexes = h.positiveBucketIndexes();
    JsonArray buckets = new JsonArray();
    for (int i = 0; i < all.size(); i++) {
      Bucket b = all.get(i);
      if (b.count() == 0) {
        continue;
      }
      int rule;
      if (i < negatives) {
        rule = UPPER_OPEN;
      } else if (i < negatives + zero) {
        rule = CLOSED;
      } else if (h.usesCustomBuckets() && positiveIndexes[i - negatives - zero] == 0) {
        rule = CLOSED;
      } else {
        rule = LOWER_OPEN;
      }
      buckets.add(
          new JsonArray(
              List.of(
                  rule,
                  GoFloat.json(b.lower()),
                  GoFloat.json(b.upper()),
                  GoFloat.json(b.count()))));
    }
    if (!buckets.isEmpty()) {
      out.put("buckets", buckets);
    }
    return out;
  }
}
