package dev.alerting.bench.rules;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@link RuleEngineBenchmark#seedRules} in a plain loop, measured after a warm-up: samples per CPU
 * second of this thread and of the whole process (GC included), per 5 s window. On a shared machine
 * these move far less than JMH's samples per wall-clock second, and unlike the {@code Driver}'s
 * trial figure they leave out warm-up and JIT. Run from the repository root: {@code java
 * -XX:+UseSerialGC -cp "bench/target/classes:bench/target/lib/*"
 * dev.alerting.bench.rules.SeedSteadyState [warm-up seconds] [windows]}.
 */
public final class SeedSteadyState {
  private SeedSteadyState() {}

  public static void main(String[] args) {
    int warmUpSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int windows = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    ThreadMXBean thread = ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean process =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    RuleEngineBenchmark benchmark = new RuleEngineBenchmark();
    RuleEngineBenchmark.SeedRules state = new RuleEngineBenchmark.SeedRules();
    state.services = 20;
    state.rulesFile = "rule-engine/src/test/resources/seed-rules.yml";
    state.incremental = true;
    state.setUp();
    long warmEnd = System.nanoTime() + warmUpSeconds * 1_000_000_000L;
    while (System.nanoTime() < warmEnd) {
      benchmark.seedRules(state);
    }
    for (int w = 0; w < windows; w++) {
      long threadStart = thread.getCurrentThreadCpuTime();
      long processStart = process.getProcessCpuTime();
      long wallStart = System.nanoTime();
      long polls = 0;
      while (System.nanoTime() - wallStart < 5_000_000_000L) {
        benchmark.seedRules(state);
        polls++;
      }
      double samples = polls * (double) RuleEngineBenchmark.BATCH;
      System.out.printf(
          "window %d: %,.0f samples per thread CPU-second, %,.0f per process CPU-second (GC"
              + " incl.), %,.0f per wall second%n",
          w,
          samples / ((thread.getCurrentThreadCpuTime() - threadStart) / 1e9),
          samples / ((process.getProcessCpuTime() - processStart) / 1e9),
          samples / ((System.nanoTime() - wallStart) / 1e9));
    }
  }
}
