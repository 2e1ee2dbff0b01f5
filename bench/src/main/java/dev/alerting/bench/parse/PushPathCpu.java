package dev.alerting.bench.parse;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The work of {@link PushPathBenchmark} measured in this thread's CPU time and allocated bytes per
 * sample, figures a busy machine distorts less than samples per wall-clock second: after a warm-up,
 * {@code rounds} short rounds of {@code pushes} pushes per format and step, interleaved so that a
 * busy spell hits every row alike, and the median round of each printed. The steps: {@code read}
 * (body to validated samples), {@code push} (read, then the record values), and {@code client} (the
 * load harness building a body, {@code Payloads}: CPU the ingest competes with in {@code ./alerting
 * bench --embedded}). Usage: {@code PushPathCpu [pushes per round, default 500] [rounds, default
 * 15]}.
 */
public final class PushPathCpu {
  private static final int PARTITIONS = 3;
  private static final String[] STEP_NAMES = {"read", "push", "client"};
  private static final int STEPS = STEP_NAMES.length;
  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  private PushPathCpu() {}

  public static void main(String[] args) {
    int pushes = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    PushPathBenchmark.PushPath[] paths = {
      PushPathBenchmark.PushPath.json(), PushPathBenchmark.PushPath.remoteWrite()
    };
    for (int w = 0; w < 10; w++) {
      for (PushPathBenchmark.PushPath path : paths) {
        for (int step = 0; step < STEPS; step++) {
          run(path, pushes, step);
        }
      }
    }
    double[][] cpu = new double[STEPS * paths.length][rounds];
    double[][] bytes = new double[STEPS * paths.length][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int p = 0; p < paths.length; p++) {
        for (int step = 0; step < STEPS; step++) {
          long thread = Thread.currentThread().getId();
          long cpu0 = THREADS.getCurrentThreadCpuTime();
          long bytes0 = THREADS.getThreadAllocatedBytes(thread);
          run(paths[p], pushes, step);
          double samples = (double) pushes * ParserBenchmark.SAMPLES;
          cpu[STEPS * p + step][r] = (THREADS.getCurrentThreadCpuTime() - cpu0) / samples;
          bytes[STEPS * p + step][r] = (THREADS.getThreadAllocatedBytes(thread) - bytes0) / samples;
        }
      }
    }
    for (int p = 0; p < paths.length; p++) {
      for (int step = 0; step < STEPS; step++) {
        double ns = median(cpu[STEPS * p + step]);
        System.out.printf(
            "%-12s %-6s (%,d B body): %6.1f ns CPU per sample (%,.0f samples per CPU-second),"
                + " %5.1f B allocated per sample; median of %d rounds of %d pushes%n",
            paths[p].name(),
            STEP_NAMES[step],
            paths[p].bodyBytes(),
            ns,
            1e9 / ns,
            median(bytes[STEPS * p + step]),
            rounds,
            pushes);
      }
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long run(PushPathBenchmark.PushPath path, int pushes, int step) {
    long sink = 0;
    for (int i = 0; i < pushes; i++) {
      sink +=
          switch (step) {
            case 0 -> path.read().size();
            case 1 -> path.push(PARTITIONS).length;
            default -> path.build().length();
          };
    }
    return sink;
  }
}
