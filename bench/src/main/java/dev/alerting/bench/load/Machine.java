package dev.alerting.bench.load;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/** Facts about where a run happened, stored with every result row. */
public record Machine(
    int cores,
    long ramGiB,
    String jdk,
    String os,
    double loadAverage,
    Instant date,
    String commit) {

  public static Machine current() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    long ram =
        os instanceof com.sun.management.OperatingSystemMXBean sun
            ? sun.getTotalMemorySize() >> 30
            : -1;
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        ram,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        os.getSystemLoadAverage(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        gitCommit());
  }

  /** One-line summary for the table. */
  public String summary() {
    return cores
        + " cores, "
        + ramGiB
        + " GiB, "
        + jdk
        + ", load "
        + String.format("%.2f", loadAverage)
        + " at start";
  }

  /**
   * Short HEAD commit, with "+dirty" when the tree has changes; "unknown" outside a git checkout.
   */
  private static String gitCommit() {
    try {
      String head = run("git", "rev-parse", "--short", "HEAD");
      // the results file itself does not count: a run appends to it, so the next would be "dirty"
      String dirty =
          run(
              "git",
              "status",
              "--porcelain",
              "--untracked-files=no",
              "--",
              ".",
              ":!docs/benchmarks.md");
      return head.isEmpty() ? "unknown" : head + (dirty.isEmpty() ? "" : "+dirty");
    } catch (Exception e) {
      return "unknown";
    }
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
  }
}
