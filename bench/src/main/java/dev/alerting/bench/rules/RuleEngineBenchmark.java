package dev.alerting.bench.rules;

import dev.alerting.model.alert.Alert;
import dev.alerting.rule.RuleEngineConfig;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.engine.EngineOptions;
import dev.alerting.rule.engine.RuleEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The rule engine core ({@link RuleEngine#accept}) fed one poll of {@value #BATCH} samples per
 * invocation (Kafka's {@code max.poll.records} here), samples in time order at a 15 s step, series
 * shuffled within a step; scores are samples/s ({@code @OperationsPerInvocation}). The engine
 * starts with a full retention window preloaded; at each new step the clock's eviction runs as a
 * tick would (without the tick's full evaluation). Run from the repository root (the seed rules are
 * read from {@code rule-engine/src/test/resources/seed-rules.yml}). {@code thresholdsTick} times
 * one tick instead, in ms. See docs/benchmarks.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RuleEngineBenchmark {
  static final int BATCH = 1000;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  static final long START = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  /** (a) 100 threshold rules with for: 1m over 100 000 series. */
  @State(Scope.Benchmark)
  public static class Thresholds {
    /** Series per rule; 1000 gives 100 000 series (with 10 shards). */
    @Param("1000")
    public int instancesPerShard;

    /** Shards per metric name: 10 × shards rules, 10 × shards × instancesPerShard series. */
    @Param("10")
    public int shards;

    /** Labels per series beyond the 4 (name, job, shard, instance), for the label-width curve. */
    @Param("0")
    public int extraLabels;

    /** "shuffled": series interleaved as partitions deliver them; "grouped": a rule's together. */
    @Param({"shuffled", "grouped"})
    public String order;

    /**
     * "false" evaluates every touched rule over all its series, as before incremental evaluation.
     */
    @Param("true")
    public boolean incremental;

    /** "true" keeps the samples Gorilla-compressed (RULES_STORAGE_COMPRESSION). */
    @Param("false")
    public boolean compress;

    Driver driver;

    @Setup(Level.Trial)
    public void setUp() {
      RuleEngine engine =
          new RuleEngine(
              RuleEngineConfig.ruleLoader().parse(ThresholdSeries.rules(shards), "thresholds.yml"),
              AlertContext.defaults(),
              new EngineOptions(false, 100_000, incremental, compress));
      SampleFeed feed =
          new SampleFeed(
              ThresholdSeries.series(instancesPerShard, shards, extraLabels),
              ThresholdSeries::value,
              START,
              order.equals("shuffled"));
      driver = new Driver(engine, feed);
    }

    @TearDown(Level.Trial)
    public void report() {
      driver.report("thresholds/" + order);
    }
  }

  /**
   * (a') The threshold setup of (a) driven by ticks: every invocation is one {@link
   * RuleEngine#advanceTo} one second after the previous one ({@code RULES_TICK_INTERVAL}); before
   * each new 15 s step, outside the measurement, the whole step's samples arrive as one poll.
   */
  @State(Scope.Benchmark)
  public static class ThresholdTicks {
    @Param("1000")
    public int instancesPerShard;

    /** "false" evaluates every rule over all its series at a tick, as before. */
    @Param("true")
    public boolean incremental;

    /** "true" keeps the samples Gorilla-compressed (RULES_STORAGE_COMPRESSION). */
    @Param("false")
    public boolean compress;

    RuleEngine engine;
    SampleFeed feed;
    long tick;

    @Setup(Level.Trial)
    public void setUp() {
      engine =
          new RuleEngine(
              RuleEngineConfig.ruleLoader().parse(ThresholdSeries.rules(), "thresholds.yml"),
              AlertContext.defaults(),
              new EngineOptions(false, 100_000, incremental, compress));
      feed =
          new SampleFeed(
              ThresholdSeries.series(instancesPerShard), ThresholdSeries::value, START, true);
      int steps = (int) (engine.retention().toMillis() / SampleFeed.STEP_MS);
      engine.load(feed.steps(steps));
      // A poll through accept, so per-series results are complete (load leaves them unknown).
      engine.accept(feed.steps(1));
      tick = engine.now().toEpochMilli();
    }

    /** Feeds the next step as one poll when the next tick reaches it (not measured). */
    @Setup(Level.Invocation)
    public void nextStep() {
      tick += 1000;
      if (tick >= feed.timeOf(feed.step())) {
        engine.accept(feed.steps(1));
        tick = engine.now().toEpochMilli() + 1000;
      }
    }

    @TearDown(Level.Trial)
    public void report() {
      System.out.printf(
          "%n[thresholds/tick] %d series, %d series held, %d alerts active, clock %s%n",
          feed.seriesCount(),
          engine.seriesCount(),
          engine.alertingRules().stream().mapToInt(r -> r.alerts().size()).sum(),
          engine.now());
    }
  }

  /** (b) The seed rules over synthetic series for every metric they read. */
  @State(Scope.Benchmark)
  public static class SeedRules {
    /** Services × 5 instances; 20 gives about 3 450 series. */
    @Param("20")
    public int services;

    @Param("rule-engine/src/test/resources/seed-rules.yml")
    public String rulesFile;

    @Param("true")
    public boolean incremental;

    /** "true" keeps the samples Gorilla-compressed (RULES_STORAGE_COMPRESSION). */
    @Param("false")
    public boolean compress;

    /**
     * "true" evaluates rules that combine series on the groups that changed only
     * (RULES_GROUP_EVALUATION, the service's default); "false" over all their series per instant.
     */
    @Param("true")
    public boolean groups;

    Driver driver;

    @Setup(Level.Trial)
    public void setUp() {
      Path path = Path.of(rulesFile);
      if (!Files.exists(path)) {
        throw new IllegalStateException(
            path.toAbsolutePath() + " not found: run from the repo root");
      }
      RuleEngine engine =
          new RuleEngine(
              RuleEngineConfig.ruleLoader().load(path),
              AlertContext.defaults(),
              new EngineOptions(false, 100_000, incremental, compress, groups));
      SeedSeries seed = new SeedSeries(services);
      driver = new Driver(engine, new SampleFeed(seed.series, seed::value, START, true));
    }

    @TearDown(Level.Trial)
    public void report() {
      driver.report("seed");
    }
  }

  /** Preloads a retention window, then feeds batches and evicts at step changes. */
  static final class Driver {
    final RuleEngine engine;
    final SampleFeed feed;
    private final long evaluationsAtStart;
    private long samples;
    // CPU time of the polls on the benchmark thread: on a shared machine, samples per CPU-second
    // shows the engine's cost when the JMH score (samples per wall-clock second) shows the load.
    private long cpuNanos;

    Driver(RuleEngine engine, SampleFeed feed) {
      this.engine = engine;
      this.feed = feed;
      int steps = (int) (engine.retention().toMillis() / SampleFeed.STEP_MS) + 1;
      engine.load(feed.steps(steps));
      this.evaluationsAtStart = engine.evaluations();
    }

    List<Alert> poll() {
      long step = feed.step();
      long cpuStart = CPU.getCurrentThreadCpuTime();
      List<Alert> events = engine.accept(feed.next(BATCH));
      samples += BATCH;
      if (feed.step() != step) {
        // A tick at the clock: evaluates nothing (the clock does not move), evicts old samples.
        engine.advanceTo(engine.now());
      }
      cpuNanos += CPU.getCurrentThreadCpuTime() - cpuStart;
      return events;
    }

    void report(String name) {
      System.out.printf(
          "%n[%s] %d series, retention %s, %d samples fed, %.1f rule evaluations per poll of %d,"
              + " %d series held, %d alerts active, %,.0f samples per CPU-second%n",
          name,
          feed.seriesCount(),
          engine.retention(),
          samples,
          (engine.evaluations() - evaluationsAtStart) / Math.max(1.0, samples / (double) BATCH),
          BATCH,
          engine.seriesCount(),
          engine.alertingRules().stream().mapToInt(r -> r.alerts().size()).sum(),
          samples / (cpuNanos / 1e9));
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<Alert> thresholds(Thresholds state) {
    return state.driver.poll();
  }

  /** One tick ({@link RuleEngine#advanceTo}) over the threshold setup; score = ms per tick. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Alert> thresholdsTick(ThresholdTicks state) {
    return state.engine.advanceTo(Instant.ofEpochMilli(state.tick));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<Alert> seedRules(SeedRules state) {
    return state.driver.poll();
  }
}
