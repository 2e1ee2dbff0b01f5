package dev.alerting.bench.rules;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.SampleDecoder;
import dev.alerting.platform.codec.SampleRecords;
import dev.alerting.rule.RuleEngineConfig;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.engine.EngineOptions;
import dev.alerting.rule.engine.RuleEngine;
import dev.alerting.rule.group.RuleGroup;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.ObjectName;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Bytes of rule-engine state per series, measured, not timed: fills an engine through {@link
 * RuleEngine#accept} with samples at a 15 s step for three times its retention (so buffers reach
 * their steady size after evictions), then reports the retained heap after full GCs (MemoryMXBean,
 * lowest of several rounds) minus the same before the engine existed, per input series. The label
 * sets and the rules' alert state are included, as they are in the service. Run from the repository
 * root with a fixed heap: {@code java -Xms4g -Xmx4g -cp "bench/target/classes:bench/target/lib/*"
 * dev.alerting.bench.rules.RuleEngineFootprint [instancesPerShard=1000] [services=100]}.
 */
public final class RuleEngineFootprint {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  // The decoder of the measurement running, if it decodes: part of the state measured.
  private static SampleDecoder decoder;

  private RuleEngineFootprint() {}

  public static void main(String[] args) throws IOException {
    int instancesPerShard = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int services = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    List<RuleGroup> thresholds =
        RuleEngineConfig.ruleLoader().parse(ThresholdSeries.rules(), "thresholds.yml");
    // A small run first, not printed: the classes it loads (and their heap objects) would
    // otherwise be counted against the first measurement's series.
    System.out.println("(warm-up, not a figure)");
    measure(
        "warm-up: 1 instance per shard",
        thresholds,
        () ->
            new SampleFeed(
                decoded(ThresholdSeries.series(1)),
                ThresholdSeries::value,
                RuleEngineBenchmark.START,
                false));
    measure(
        "100 threshold rules, 5m retention, labels as the service decodes them (SampleDecoder,"
            + " its caches included)",
        thresholds,
        () ->
            new SampleFeed(
                decoded(ThresholdSeries.series(instancesPerShard)),
                ThresholdSeries::value,
                RuleEngineBenchmark.START,
                false));
    measure(
        "100 threshold rules, 5m retention, one String per label and series (no decoder)",
        thresholds,
        () ->
            new SampleFeed(
                ThresholdSeries.series(instancesPerShard),
                ThresholdSeries::value,
                RuleEngineBenchmark.START,
                false));
    measure(
        "100 threshold rules, 5m retention, label values shared between series",
        thresholds,
        () ->
            new SampleFeed(
                shareValues(ThresholdSeries.series(instancesPerShard)),
                ThresholdSeries::value,
                RuleEngineBenchmark.START,
                false));
    measure(
        "seed rules, 65m retention",
        RuleEngineConfig.ruleLoader()
            .load(Path.of("rule-engine/src/test/resources/seed-rules.yml")),
        () -> {
          SeedSeries seed = new SeedSeries(services);
          return new SampleFeed(seed.series, seed::value, RuleEngineBenchmark.START, false);
        });
    // Compressed storage (RULES_STORAGE_COMPRESSION): the lines above again, then values as
    // exporters report them, whose bits compress as scraped data does (the values above are
    // arbitrary doubles that change in most of their 52 mantissa bits at every step).
    List<RuleGroup> seedRules =
        RuleEngineConfig.ruleLoader()
            .load(Path.of("rule-engine/src/test/resources/seed-rules.yml"));
    measure(
        "100 threshold rules, 5m retention, labels as the service decodes them, compressed",
        thresholds,
        true,
        () ->
            new SampleFeed(
                decoded(ThresholdSeries.series(instancesPerShard)),
                ThresholdSeries::value,
                RuleEngineBenchmark.START,
                false));
    measure(
        "seed rules, 65m retention, compressed",
        seedRules,
        true,
        () -> {
          SeedSeries seed = new SeedSeries(services);
          return new SampleFeed(seed.series, seed::value, RuleEngineBenchmark.START, false);
        });
    Footprint scraped = null;
    for (boolean compress : new boolean[] {false, true}) {
      scraped = scraped(seedRules, "65m", services, compress);
    }
    // The same with the hour-long ranges made 2h5m (a 125m retention, 500 samples per series):
    // about
    // twice the samples, so the bytes per extra sample (the stream's) and per series (the rest) can
    // be told apart.
    String longer =
        Files.readString(Path.of("rule-engine/src/test/resources/seed-rules.yml"))
            .replace("[1h]", "[2h5m]");
    Footprint twice =
        scraped(
            RuleEngineConfig.ruleLoader().parse(longer, "seed-rules-125m.yml"),
            "125m",
            services,
            true);
    double slope = (twice.bytes - scraped.bytes) / (twice.samples - scraped.samples);
    System.out.printf(
        "65m vs 125m retention, scraped values, compressed: %.2f bytes per extra sample held,"
            + " intercept %.0f bytes per held series (its 65m bytes less %.1f samples at that slope)%n",
        slope, scraped.bytes - slope * scraped.samples, scraped.samples);
  }

  private static Footprint scraped(
      List<RuleGroup> rules, String retention, int services, boolean compress) {
    return measure(
        "seed rules, "
            + retention
            + " retention, scraped values (whole-number counters, CPU seconds in"
            + " hundredths, two-digit gauges), times +-2 ms off the 15 s grid"
            + (compress ? ", compressed" : ", uncompressed"),
        rules,
        compress,
        () -> {
          SeedSeries seed = new SeedSeries(services);
          return new SampleFeed(seed.series, seed::scraped, RuleEngineBenchmark.START, false, 2);
        });
  }

  /** Retained bytes and samples held, per held series. */
  private record Footprint(double bytes, double samples) {}

  /**
   * The label sets as the rule engine's stream hands them to the engine: each series encoded into a
   * {@code metrics.samples} record as the ingest writes it and read back by one {@link
   * SampleDecoder}, which is kept (in {@link #decoder}) until the heap is measured, as the
   * service's stream keeps its decoder and the label sets it caches.
   */
  private static List<Labels> decoded(List<Labels> series) {
    SampleDecoder reader = new SampleDecoder();
    SampleRecords records = new SampleRecords();
    Headers headers = new RecordHeaders(new Header[] {SampleRecords.protobufHeader()});
    List<Labels> out = new ArrayList<>(series.size());
    for (Labels l : series) {
      records.add(new Sample(l, 0, RuleEngineBenchmark.START));
      out.add(reader.decode(headers, records.finish()).get(0).series());
    }
    decoder = reader;
    return out;
  }

  /**
   * The same label sets with one String per distinct name and value, as a decoder that interns
   * strings would hand them over: the instance value is then shared by the 100 series of a host,
   * the metric name by 10 000; what is left per series is the label set itself.
   */
  private static List<Labels> shareValues(List<Labels> series) {
    Map<String, String> strings = new HashMap<>();
    List<Labels> out = new ArrayList<>(series.size());
    for (Labels l : series) {
      List<String> pairs = new ArrayList<>();
      l.asMap()
          .forEach(
              (k, v) -> {
                pairs.add(strings.computeIfAbsent(k, x -> x));
                pairs.add(strings.computeIfAbsent(v, x -> x));
              });
      out.add(Labels.of(pairs.toArray(String[]::new)));
    }
    return out;
  }

  /**
   * The feed is made after the first heap reading: the label sets it creates are the ones the store
   * keeps, as decoded samples' labels are in the service.
   */
  private static void measure(String name, List<RuleGroup> rules, Supplier<SampleFeed> feeds) {
    measure(name, rules, false, feeds);
  }

  private static Footprint measure(
      String name, List<RuleGroup> rules, boolean compress, Supplier<SampleFeed> feeds) {
    long heapBefore = retainedHeap();
    SampleFeed feed = feeds.get();

    RuleEngine engine = engine(rules, compress);
    int steps = (int) (3 * engine.retention().toMillis() / SampleFeed.STEP_MS);
    for (int s = 0; s < steps; s++) {
      engine.accept(feed.steps(1));
      engine.advanceTo(engine.now());
    }
    int series = feed.seriesCount();
    feed = null;
    long heapAfter = retainedHeap();
    int window = (int) (engine.retention().toMillis() / SampleFeed.STEP_MS);
    int alerts = engine.alertingRules().stream().mapToInt(r -> r.alerts().size()).sum();
    System.out.printf(
        "%s: %d input series (%d held), %d steps fed, ~%d samples per series window, %d alerts%n"
            + "  retained heap: %,d bytes per series (%,d bytes in all)%n"
            + "  samples alone: %,d bytes per series (16 bytes per sample held)%n"
            + "  samples held: %,d (%.1f per held series)%n",
        name,
        series,
        engine.seriesCount(),
        steps,
        window,
        alerts,
        (heapAfter - heapBefore) / series,
        heapAfter - heapBefore,
        16L * window,
        engine.storedSamples(),
        engine.storedSamples() / (double) engine.seriesCount());
    printHistogram();
    Reference.reachabilityFence(engine);
    decoder = null;
    // per held series: the samples are counted per held series, and recorded series hold state too
    return new Footprint(
        (heapAfter - heapBefore) / (double) engine.seriesCount(),
        engine.storedSamples() / (double) engine.seriesCount());
  }

  /** As the service runs it: incremental, group evaluation on (its default). */
  private static RuleEngine engine(List<RuleGroup> rules, boolean compress) {
    return new RuleEngine(
        rules, AlertContext.defaults(), new EngineOptions(false, 1_000_000, true, compress, true));
  }

  /**
   * With {@code -Dfootprint.histogram=N}, the N classes holding the most live heap (the JVM's class
   * histogram), to see where the bytes per series go.
   */
  private static void printHistogram() {
    int lines = Integer.getInteger("footprint.histogram", 0);
    if (lines <= 0) {
      return;
    }
    try {
      Object histogram =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "gcClassHistogram",
                  new Object[] {new String[0]},
                  new String[] {String[].class.getName()});
      String[] rows = histogram.toString().split("\n");
      for (int i = 0; i < Math.min(rows.length, lines + 2); i++) {
        System.out.println("  " + rows[i]);
      }
    } catch (JMException e) {
      System.out.println("  no class histogram: " + e);
    }
  }

  /** Heap used after full GCs, the lowest of several rounds (GC may not collect all at once). */
  private static long retainedHeap() {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      best = Math.min(best, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return best;
  }
}
