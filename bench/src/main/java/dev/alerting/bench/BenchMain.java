package dev.alerting.bench;

import dev.alerting.bench.load.BenchOptions;
import dev.alerting.bench.load.BenchStack;
import dev.alerting.bench.load.DetectionProbe;
import dev.alerting.bench.load.LoadRun;
import dev.alerting.bench.load.Machine;
import dev.alerting.bench.load.RawKafka;
import dev.alerting.bench.load.Report;
import dev.alerting.bench.load.TopicMeter;
import dev.alerting.launcher.AlertingStack;
import dev.alerting.launcher.Service;
import dev.alerting.platform.kafka.Topics;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./alerting bench}: pushes load at a running stack (or one it starts in-process), measures
 * accepted samples/s, HTTP latency, what reached {@code metrics.samples}, detection latency under
 * that load, and Kafka's own producer rate on the same broker; appends one row per scenario to
 * docs/benchmarks.md.
 */
public final class BenchMain {
  /** The stack column of a scenario run with only the broker and ingest. */
  private static final String INGEST_ALONE = "embedded, ingest alone";

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("notify")) {
      dev.alerting.bench.notify.NotifyBench.run(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("incidents")) {
      dev.alerting.bench.incidents.IncidentBurst.main(
          java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (java.util.Arrays.asList(args).contains("--help")) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n" + BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    Machine machine = Machine.current();
    AlertingStack stack =
        options.embedded() ? BenchStack.start(Files.createTempDirectory("alerting-bench")) : null;
    String ingest = stack == null ? options.ingestUrl() : BenchStack.ingestUrl(stack);
    String kafka = stack == null ? options.kafka() : stack.bootstrapServers();
    Vertx vertx = Vertx.vertx();
    List<Report.Row> rows = new ArrayList<>();
    try (TopicMeter samples = new TopicMeter(kafka, Topics.SAMPLES)) {
      for (String format : options.formats()) {
        for (int batch : options.batches()) {
          rows.add(
              scenario(
                  options,
                  machine,
                  vertx,
                  ingest,
                  kafka,
                  samples,
                  format,
                  batch,
                  stack == null ? "external" : "embedded"));
        }
      }
      if (options.ingestAlone()) {
        aloneWith(stack, samples);
        for (String format : options.formats()) {
          for (int batch : options.batches()) {
            rows.add(
                scenario(
                    options, machine, vertx, ingest, kafka, samples, format, batch, INGEST_ALONE));
          }
        }
      }
      RawKafka.Result raw = null;
      if (options.rawRecords() > 0) {
        System.out.println(
            "raw Kafka baseline: ProducerPerformance, " + options.rawRecords() + " records");
        raw = RawKafka.run(kafka, samples.partitionCount(), options.rawRecords());
      }
      List<Report.Row> withRaw = new ArrayList<>();
      for (Report.Row r : rows) {
        withRaw.add(
            new Report.Row(
                r.machine(),
                r.stack(),
                r.options(),
                r.load(),
                r.topicRecordsPerSecond(),
                r.topicMegabytesPerSecond(),
                r.diskMegabytesPerSecond(),
                r.consumerLag(),
                r.detection(),
                raw));
      }
      System.out.print("\n" + Report.HEADER);
      withRaw.forEach(r -> System.out.print(r.markdown()));
      if (options.out() != null) {
        Report.append(options.out(), withRaw);
        System.out.println("appended " + withRaw.size() + " rows to " + options.out());
      }
    } finally {
      vertx.close().await();
      if (stack != null) {
        stack.close();
      }
    }
    System.exit(0); // Kafka and H2 leave non-daemon threads behind in embedded runs
  }

  private static Report.Row scenario(
      BenchOptions o,
      Machine machine,
      Vertx vertx,
      String ingest,
      String kafka,
      TopicMeter samples,
      String format,
      int batch,
      String stack)
      throws Exception {
    boolean alone = stack.equals(INGEST_ALONE);
    System.out.printf(
        "scenario %s batch %d%s: %s warm-up, %s measured, rate %s, %d in flight%n",
        format,
        batch,
        alone ? " (ingest alone)" : "",
        o.warmup(),
        o.duration(),
        o.rate() == 0 ? "max" : o.rate(),
        o.concurrency());
    // scenarios stay independent: the consumers must not still be working off the last one's
    // backlog (with the ingest alone nobody reads it)
    long before = alone ? 0 : samples.awaitCaughtUp(Duration.ofSeconds(180));
    if (before > 0) {
      System.out.println(
          "  consumers still " + before + " records behind after 180 s; measuring anyway");
    }
    LoadRun load = new LoadRun(vertx, ingest, format, batch, o.series(), o.rate(), o.concurrency());
    DetectionProbe probe =
        o.detectInterval().isZero() || alone
            ? null
            : new DetectionProbe(ingest, kafka, o.detectInterval(), o.crossings());
    try {
      // the warm-up runs inside LoadRun; the probe crosses during it too, uncounted (the alert
      // path warms up as the load's does); the topic window and the counted crossings start when it
      // ends
      TopicMeter.Snapshot[] window = new TopicMeter.Snapshot[2];
      Thread watcher =
          new Thread(
              () -> {
                if (probe != null) {
                  probe.start(o.warmup());
                }
                sleep(o.warmup());
                window[0] = samples.snapshot();
                sleep(o.duration());
                window[1] = samples.snapshot();
              },
              "bench-window");
      watcher.start();
      LoadRun.LoadResult result = load.run(o.warmup(), o.duration());
      watcher.join();
      DetectionProbe.Result detection = probe == null ? null : probe.stop();
      double recordsPerSecond = window[0].recordsPerSecond(window[1]);
      long lag = alone ? -1 : samples.consumerLag();
      double recordBytes = samples.averageRecordBytes(500);
      Report.Row row =
          new Report.Row(
              machine,
              stack,
              o,
              result,
              recordsPerSecond,
              recordsPerSecond * recordBytes / 1e6,
              window[0].diskBytesPerSecond(window[1]) / 1e6,
              lag,
              detection,
              null);
      System.out.printf(
          "  %.0f samples/s accepted, HTTP p50 %.1f ms p99 %.1f ms, %d requests, answers %s; topic "
              + "%.0f records/s, avg record %.0f B, consumer lag at end %d; detection %s%n",
          result.samplesPerSecond(),
          result.p50Millis(),
          result.p99Millis(),
          result.requests(),
          result.answers(),
          recordsPerSecond,
          recordBytes,
          lag,
          detection);
      return row;
    } finally {
      if (probe != null) {
        probe.close();
      }
    }
  }

  /**
   * Leaves only the broker and ingest running: waits until the rule engine has read everything the
   * full-stack scenarios wrote (so it is not still working while the ingest is measured alone),
   * then stops the services that are not the ingest.
   */
  private static void aloneWith(AlertingStack stack, TopicMeter samples)
      throws InterruptedException {
    long behind = samples.awaitCaughtUp(Duration.ofSeconds(180));
    if (behind > 0) {
      System.out.println("  consumers still " + behind + " records behind after 180 s");
    }
    for (Service s : List.of(Service.RULES, Service.NOTIFIER, Service.INCIDENTS)) {
      stack.stopService(s);
    }
    System.out.println("stopped the rule engine, notifier and incident service: ingest alone");
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
