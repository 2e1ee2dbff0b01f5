package dev.alerting.bench.rules;

import dev.alerting.model.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark (a): {@value #METRICS} metric names × {@code shards} shards × {@code instances} series,
 * and one threshold rule per metric and shard ({@code bench_metric_M{shard="S"} > 90}, for: 1m), so
 * each series is read by exactly one of the 10 × shards rules (100 with the default 10 shards).
 * About 7 % of the series stay above the threshold (pending, then firing alerts) and 4 % cross it
 * now and then. {@code extraLabels} adds that many labels per series ({@code label_K="value-N"}, N
 * from the instance), for the cost of wider label sets.
 */
final class ThresholdSeries {
  static final int METRICS = 10;
  static final int SHARDS = 10;

  private ThresholdSeries() {}

  static String rules() {
    return rules(SHARDS);
  }

  static String rules(int shards) {
    StringBuilder y = new StringBuilder("groups:\n");
    for (int m = 0; m < METRICS; m++) {
      y.append("- name: metric-").append(m).append("\n  rules:\n");
      for (int s = 0; s < shards; s++) {
        y.append("  - alert: Metric")
            .append(m)
            .append("Shard")
            .append(s)
            .append("High\n")
            .append("    expr: bench_metric_")
            .append(m)
            .append("{shard=\"")
            .append(s)
            .append("\"} > 90\n")
            .append("    for: 1m\n")
            .append("    labels:\n      severity: warning\n");
      }
    }
    return y.toString();
  }

  static List<Labels> series(int instancesPerShard) {
    return series(instancesPerShard, SHARDS, 0);
  }

  static List<Labels> series(int instancesPerShard, int shards, int extraLabels) {
    List<Labels> out = new ArrayList<>(METRICS * shards * instancesPerShard);
    for (int m = 0; m < METRICS; m++) {
      for (int s = 0; s < shards; s++) {
        for (int i = 0; i < instancesPerShard; i++) {
          List<String> pairs =
              new ArrayList<>(
                  List.of(
                      "__name__",
                      "bench_metric_" + m,
                      "job",
                      "bench",
                      "shard",
                      String.valueOf(s),
                      "instance",
                      "host-" + i + ":9100"));
          for (int k = 0; k < extraLabels; k++) {
            pairs.add("label_" + k);
            pairs.add("value-" + (i % (k + 2)));
          }
          out.add(Labels.of(pairs.toArray(String[]::new)));
        }
      }
    }
    return out;
  }

  /** 0..99 spread over the series, ±2 from step to step. */
  static double value(int series, long step) {
    return Math.floorMod(series * 7919L, 100) + Math.floorMod(series + step, 5) - 2;
  }
}
