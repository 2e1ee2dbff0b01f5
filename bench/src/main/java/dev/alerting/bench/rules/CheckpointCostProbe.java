package dev.alerting.bench.rules;

import dev.alerting.rule.checkpoint.AlertCheckpoint;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What the rule engine's stream adds per poll for its checkpoint: the {@code thresholds} setup (100
 * rules, 100 000 series, ~10 % of them alerting), and after each poll of 1000 samples the
 * checkpoint's change detection ({@code AlertCheckpoint#changes} over {@code RuleEngine#snapshot}),
 * as {@code SampleStream} runs it before every transaction. Prints CPU time per poll for the engine
 * and for the checkpoint. Run from the repository root: {@code java -Xms4g -Xmx4g -cp
 * "bench/target/classes:bench/target/lib/*" dev.alerting.bench.rules.CheckpointCostProbe
 * [warm=3000] [rounds=3] [polls=1000]}.
 */
public final class CheckpointCostProbe {
  private CheckpointCostProbe() {}

  public static void main(String[] args) {
    int warm = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int polls = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    RuleEngineBenchmark.Thresholds state = ThresholdsCpuProbe.shuffledThresholds();
    AlertCheckpoint checkpoint = new AlertCheckpoint();
    long records = 0;
    for (int i = 0; i < warm; i++) {
      state.driver.poll();
      records += checkpoint.changes(state.driver.engine).size();
    }
    System.out.printf("warm-up: %d checkpoint records over %d polls%n", records, warm);
    for (int r = 0; r < rounds; r++) {
      long engineNs = 0;
      long checkpointNs = 0;
      records = 0;
      for (int i = 0; i < polls; i++) {
        long t0 = cpu.getCurrentThreadCpuTime();
        state.driver.poll();
        long t1 = cpu.getCurrentThreadCpuTime();
        records += checkpoint.changes(state.driver.engine).size();
        long t2 = cpu.getCurrentThreadCpuTime();
        engineNs += t1 - t0;
        checkpointNs += t2 - t1;
      }
      int alerts = state.driver.engine.alertingRules().stream().mapToInt(s -> s.alertCount()).sum();
      System.out.printf(
          "round %d: %d alerts active; per poll of %d samples: engine %.3f ms CPU, checkpoint"
              + " changes %.3f ms CPU (%.1f records written per poll)%n",
          r,
          alerts,
          RuleEngineBenchmark.BATCH,
          engineNs / 1e6 / polls,
          checkpointNs / 1e6 / polls,
          records / (double) polls);
    }
  }
}
