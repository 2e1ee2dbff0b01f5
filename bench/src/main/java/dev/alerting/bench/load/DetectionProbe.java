package dev.alerting.bench.load;

import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.kafka.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * End-to-end detection latency under load: on a series of its own, pushes a sample above the
 * threshold, then one below, alternating on a fixed schedule (one crossing per interval), and times
 * each crossing from its scheduled time to the matching firing/resolved event being read from
 * {@code alerts} by a {@code read_committed} consumer, as the notifier and incident service read it
 * (an event of an open transaction does not count). Timing from the schedule rather than from the
 * send corrects coordinated omission: a crossing delayed by a slow predecessor counts its wait.
 */
public final class DetectionProbe implements AutoCloseable {
  /**
   * The rule the stack must have: {@code demo_queue_depth > 100}, for: 0s (as in deploy/rules.yml).
   */
  public static final String METRIC = "demo_queue_depth";

  public static final double THRESHOLD = 100;
  private static final Duration GIVE_UP = Duration.ofSeconds(15);

  private final String ingestUrl;
  private final Duration interval;
  private final String service = "bench-probe-" + UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final KafkaConsumer<String, String> alerts;
  private final Histogram firing = new Histogram(60_000_000L, 3);
  private final Histogram resolved = new Histogram(60_000_000L, 3);

  /** The part of each crossing spent before ingest answered 200 (HTTP, validation, Kafka ack). */
  private final Histogram acked = new Histogram(60_000_000L, 3);

  /**
   * The part until the rule engine produced the event (the event record's CreateTime, in ms; the
   * embedded stack shares this clock); the rest is the alerts topic and this probe's consumer.
   */
  private final Histogram produced = new Histogram(60_000L, 3);

  private final AtomicBoolean running = new AtomicBoolean();
  private Thread thread;
  private int missed;
  private boolean above;

  /** One CSV line per crossing, or null; {@link #lastProducedMs} carries the event's part to it. */
  private final PrintWriter crossings;

  private long lastProducedMs;
  private volatile long recordFrom;

  /**
   * @param crossings a CSV file that gets one line per crossing (scheduled wall-clock time in ms,
   *     direction, ms until ingest's 200, ms until the event was produced, ms until it was read),
   *     to line slow crossings up with GC or safepoint logs; null for none
   */
  public DetectionProbe(String ingestUrl, String kafka, Duration interval, Path crossings) {
    this.ingestUrl = ingestUrl;
    this.interval = interval;
    try {
      this.crossings =
          crossings == null
              ? null
              : new PrintWriter(Files.newBufferedWriter(crossings, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write --crossings file " + crossings, e);
    }
    if (this.crossings != null) {
      this.crossings.println("scheduled_unix_ms,direction,acked_ms,produced_ms,read_ms");
    }
    alerts =
        new KafkaConsumer<>(
            BenchKafka.client(
                BenchKafka.fromEnvironment(),
                kafka,
                "bench-detection-probe",
                Map.of(
                    "enable.auto.commit",
                    "false",
                    "fetch.max.wait.ms",
                    "50",
                    "isolation.level",
                    "read_committed")),
            new StringDeserializer(),
            new StringDeserializer());
    List<TopicPartition> parts =
        alerts.partitionsFor(Topics.ALERTS, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(Topics.ALERTS, p.partition()))
            .toList();
    alerts.assign(parts);
    alerts.seekToEnd(parts);
    parts.forEach(alerts::position); // resolve the end now, so earlier events are never read
  }

  /** Starts crossing the threshold on a thread of its own; histograms restart. */
  public void start() {
    start(Duration.ZERO);
  }

  /**
   * As {@link #start()}, but the crossings scheduled within {@code unrecorded} from now are made
   * and not counted: they warm up the path being measured (the alert's rule state, the notifier's
   * and the incident service's handling of it, their JIT compilation), as a JMH warm-up does.
   */
  public void start(Duration unrecorded) {
    recordFrom = System.nanoTime() + unrecorded.toNanos();
    firing.reset();
    resolved.reset();
    acked.reset();
    produced.reset();
    missed = 0;
    running.set(true);
    thread = new Thread(this::cross, "bench-detection-probe");
    thread.start();
  }

  /** Stops after the crossing in progress and returns what was measured. */
  public Result stop() throws InterruptedException {
    running.set(false);
    thread.join();
    return new Result(
        firing.getValueAtPercentile(50) / 1000.0,
        firing.getValueAtPercentile(99) / 1000.0,
        firing.getTotalCount(),
        resolved.getValueAtPercentile(50) / 1000.0,
        resolved.getValueAtPercentile(99) / 1000.0,
        resolved.getTotalCount(),
        missed,
        acked.getValueAtPercentile(50) / 1000.0,
        acked.getValueAtPercentile(99) / 1000.0,
        produced.getValueAtPercentile(50),
        produced.getValueAtPercentile(99));
  }

  private void cross() {
    long due = System.nanoTime();
    while (running.get()) {
      above = !above;
      AlertStatus expected = above ? AlertStatus.FIRING : AlertStatus.RESOLVED;
      long sent = due; // the scheduled time, not the (possibly later) actual send
      long sentWall = System.currentTimeMillis() - (System.nanoTime() - due) / 1_000_000;
      boolean counted = sent - recordFrom >= 0;
      if (push(above ? THRESHOLD * 2 : 0)) {
        long ackMicros = (System.nanoTime() - sent) / 1000;
        long micros = awaitEvent(expected, sent, sentWall, counted);
        if (!counted) {
          // a warm-up crossing: made, not measured
        } else if (micros < 0) {
          missed++;
        } else {
          acked.recordValue(Math.min(ackMicros, 60_000_000L));
          (above ? firing : resolved).recordValue(Math.min(micros, 60_000_000L));
          if (crossings != null) {
            crossings.printf(
                "%d,%s,%.3f,%d,%.3f%n",
                sentWall,
                above ? "firing" : "resolved",
                ackMicros / 1000.0,
                lastProducedMs,
                micros / 1000.0);
          }
        }
      } else {
        if (counted) {
          missed++;
        }
        above = !above; // not pushed: try the same crossing again
      }
      due += interval.toNanos();
      pause((due - System.nanoTime()) / 1_000_000);
    }
  }

  private boolean push(double value) {
    String body =
        "[{\"name\":\""
            + METRIC
            + "\",\"labels\":{\"service\":\""
            + service
            + "\"},\"value\":"
            + value
            + "}]";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(ingestUrl + "/api/v1/samples"))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(15))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Microseconds from {@code sent} until the expected event of our series is read; -1 on giving up.
   */
  private long awaitEvent(AlertStatus expected, long sent, long sentWall, boolean counted) {
    long deadline = sent + GIVE_UP.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, String> r : alerts.poll(Duration.ofMillis(20))) {
        Alert a = AlertCodec.decode(r.value());
        if (service.equals(a.labels().get("service")) && a.status() == expected) {
          lastProducedMs = r.timestamp() - sentWall;
          if (counted) {
            produced.recordValue(Math.max(0, Math.min(lastProducedMs, 60_000L)));
          }
          return (System.nanoTime() - sent) / 1000;
        }
      }
    }
    return -1;
  }

  private static void pause(long millis) {
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    alerts.close();
    if (crossings != null) {
      crossings.close();
    }
  }

  /**
   * Detection latency in ms: firing after an upward crossing, resolved after a downward one; the
   * share of it before ingest acknowledged the push; and before the rule engine produced the event.
   */
  public record Result(
      double firingP50,
      double firingP99,
      long firingCount,
      double resolvedP50,
      double resolvedP99,
      long resolvedCount,
      int missed,
      double ackP50,
      double ackP99,
      double producedP50,
      double producedP99) {}
}
