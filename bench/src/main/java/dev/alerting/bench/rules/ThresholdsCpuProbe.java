package dev.alerting.bench.rules;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Steady-state CPU time per sample of the {@code thresholds} benchmark (100 rules, 100 000 series,
 * shuffled): the JMH benchmark's driver, warmed up for {@code warm} polls of 1000 samples, then
 * {@code rounds} rounds of {@code polls} polls each, timed in CPU time of this thread. On a shared
 * machine this leaves out the set-up and JIT that the JMH trial's CPU-second figure includes, and
 * the other processes' share that its wall-clock score includes. Run from the repository root:
 * {@code java -Xms4g -Xmx4g -cp "bench/target/classes:bench/target/lib/*"
 * dev.alerting.bench.rules.ThresholdsCpuProbe [warm=3000] [rounds=3] [polls=1000]}.
 */
public final class ThresholdsCpuProbe {
  private ThresholdsCpuProbe() {}

  public static void main(String[] args) {
    int warm = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int polls = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    RuleEngineBenchmark.Thresholds state = shuffledThresholds();
    for (int i = 0; i < warm; i++) {
      state.driver.poll();
    }
    for (int r = 0; r < rounds; r++) {
      long start = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < polls; i++) {
        state.driver.poll();
      }
      double nanos = cpu.getCurrentThreadCpuTime() - start;
      double samples = polls * (double) RuleEngineBenchmark.BATCH;
      System.out.printf(
          "round %d: %.0f CPU-ns per sample (%,.0f samples per CPU-second)%n",
          r, nanos / samples, samples / (nanos / 1e9));
    }
  }

  /** The {@code thresholds} benchmark's state as its shuffled 100 000-series trial sets it up. */
  static RuleEngineBenchmark.Thresholds shuffledThresholds() {
    RuleEngineBenchmark.Thresholds state = new RuleEngineBenchmark.Thresholds();
    state.instancesPerShard = 1000;
    state.shards = ThresholdSeries.SHARDS;
    state.extraLabels = 0;
    state.order = "shuffled";
    state.incremental = true;
    state.setUp();
    return state;
  }
}
