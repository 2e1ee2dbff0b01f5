package dev.alerting.bench.rules;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.promql.storage.PackedStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * Bits per stored sample of the compressed stream on synthetic feeds: the seed rules' series (20
 * services, 3 450 series) with scraped values (whole-number counters, CPU seconds in hundredths,
 * two-digit gauges) and timestamps on the 15 s grid, ±2 ms or ±10 ms off it, with a clock running
 * 100 ppm fast, or with the grid moved by 100 ms once; and the old bench feed (arbitrary doubles,
 * on the grid) for the values' worst case. Each series gets {@code samples} samples (260: a 65 m
 * window) appended to a compressed series buffer; the figure is the streams' bytes × 8 over the
 * samples held. Deterministic, so one run per build is the figure. Run from the repository root:
 * {@code java -cp "bench/target/classes:bench/target/lib/*"
 * dev.alerting.bench.rules.PackedBitsProbe [samples=260]}.
 */
public final class PackedBitsProbe {
  private static final long START = RuleEngineBenchmark.START;

  private PackedBitsProbe() {}

  public static void main(String[] args) {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 260;
    SeedSeries seed = new SeedSeries(20);
    long shiftAt = START + (samples / 2) * SampleFeed.STEP_MS;
    report("scraped, ±2 ms", samples, scraped(seed, 2), t -> t);
    report("scraped, on grid", samples, scraped(seed, 0), t -> t);
    report("scraped, ±10 ms", samples, scraped(seed, 10), t -> t);
    // a scraper clock 100 ppm fast: 1.5 ms more per 15 s, plus the ±2 ms jitter
    report(
        "scraped, ±2 ms, 100 ppm drift", samples, scraped(seed, 2), t -> t + (t - START) / 10_000);
    // the grid moves by 100 ms once, half-way (a scraper restarted), plus the ±2 ms jitter
    report(
        "scraped, ±2 ms, one 100 ms shift",
        samples,
        scraped(seed, 2),
        t -> t >= shiftAt - 1_000 ? t + 100 : t);
    report(
        "old feed (arbitrary doubles, on grid)",
        samples,
        new SampleFeed(seed.series, seed::value, START, false),
        t -> t);
  }

  private static SampleFeed scraped(SeedSeries seed, int jitterMs) {
    return new SampleFeed(seed.series, seed::scraped, START, false, jitterMs);
  }

  private static void report(String name, int samples, SampleFeed feed, LongUnaryOperator time) {
    Map<Labels, PackedStream> streams = new HashMap<>();
    long held = 0;
    for (Sample s : feed.steps(samples)) {
      PackedStream stream = streams.computeIfAbsent(s.series(), k -> new PackedStream());
      if (stream.add(time.applyAsLong(s.timestampMillis()), s.value())) {
        held++;
      }
    }
    long bytes = 0;
    for (PackedStream stream : streams.values()) {
      int b = stream.streamBytes();
      if (b < 0) {
        throw new IllegalStateException("a series is not held compressed: " + name);
      }
      bytes += b;
    }
    System.out.printf(
        "%-40s %,9d samples %,10d B stream  %6.2f bits/sample%n",
        name, held, bytes, bytes * 8.0 / held);
  }
}
