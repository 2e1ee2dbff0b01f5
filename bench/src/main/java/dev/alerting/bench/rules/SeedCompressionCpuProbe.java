package dev.alerting.bench.rules;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU cost of compressed storage on the {@code seedRules} benchmark, as a ratio the machine's
 * load does not skew: the benchmark's trial state twice in one JVM, uncompressed and compressed,
 * each warmed up for {@code warm} polls of 1000 samples, then {@code rounds} rounds that time
 * {@code polls} polls of each in turn in CPU time of this thread. Other processes then slow both
 * halves of a round alike; the ratio (compressed samples per CPU-second over uncompressed) is the
 * figure, the absolute rates only on a quiet machine. Run from the repository root: {@code java
 * -Xms4g -Xmx4g -cp "bench/target/classes:bench/target/lib/*"
 * dev.alerting.bench.rules.SeedCompressionCpuProbe [warm=3000] [rounds=5] [polls=500]}.
 */
public final class SeedCompressionCpuProbe {
  private SeedCompressionCpuProbe() {}

  public static void main(String[] args) {
    int warm = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int polls = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    RuleEngineBenchmark.SeedRules plain = seedRules(false);
    RuleEngineBenchmark.SeedRules packed = seedRules(true);
    for (int i = 0; i < warm; i++) {
      plain.driver.poll();
      packed.driver.poll();
    }
    double samples = polls * (double) RuleEngineBenchmark.BATCH;
    for (int r = 0; r < rounds; r++) {
      double plainRate = samples / (cpuNanos(cpu, plain, polls) / 1e9);
      double packedRate = samples / (cpuNanos(cpu, packed, polls) / 1e9);
      System.out.printf(
          "round %d: uncompressed %,.0f, compressed %,.0f samples per CPU-second, ratio %.2f%n",
          r, plainRate, packedRate, packedRate / plainRate);
    }
  }

  private static long cpuNanos(ThreadMXBean cpu, RuleEngineBenchmark.SeedRules state, int polls) {
    long start = cpu.getCurrentThreadCpuTime();
    for (int i = 0; i < polls; i++) {
      state.driver.poll();
    }
    return cpu.getCurrentThreadCpuTime() - start;
  }

  /** The {@code seedRules} benchmark's state as its shuffled trial sets it up. */
  private static RuleEngineBenchmark.SeedRules seedRules(boolean compress) {
    RuleEngineBenchmark.SeedRules state = new RuleEngineBenchmark.SeedRules();
    state.services = 20;
    state.rulesFile = "rule-engine/src/test/resources/seed-rules.yml";
    state.incremental = true;
    state.compress = compress;
    state.setUp();
    return state;
  }
}
