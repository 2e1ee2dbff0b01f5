package dev.alerting.rule;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.SampleTopic;
import dev.alerting.testkit.TopicProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A recorded input for the seed rules ({@code src/test/resources/seed-rules.yml}): {@link #STEPS}
 * scrapes 15 s apart of nine series, dated from {@code base}, that fire and resolve seven alerts of
 * six rules (all with {@code for:}, one alert twice, one pending alert that never fires): with one
 * engine, 14 events. Each scrape is written as one batch to a one-partition {@code
 * metrics.samples}, so however the engine's polls cut the stream, a scrape is read whole and in
 * order: the engine's answer is then a function of the input alone, which is what lets runs with
 * one, two and killed instances be compared event by event.
 */
final class RecordedInput implements AutoCloseable {
  static final int STEPS = 100;
  static final long STEP_MS = 15_000;
  static final Path RULES = Path.of("src/test/resources/seed-rules.yml").toAbsolutePath();

  /** The events the seed rules give for this input with one engine (see {@link #scrape}). */
  static final int EVENTS = 14;

  private final long base;
  private final KafkaProducer<String, byte[]> producer;
  private int next;
  private long records;

  /**
   * {@code base}: the first scrape's time; keep it ahead of the wall clock, so ticks never move it.
   */
  RecordedInput(EmbeddedKafka kafka, long base) {
    this.base = base;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                "bootstrap.servers",
                kafka.bootstrapServers(),
                // a scrape's records are sent together, so they land as one batch
                "linger.ms",
                "1000"),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /** Step {@code i}'s samples: which alerts fire and resolve when is in the class comment. */
  static List<Sample> scrape(long base, int i) {
    long t = base + i * STEP_MS;
    List<Sample> s = new ArrayList<>();
    // DatabaseConnectionsHigh (> 80 for 2m): fires at 16, resolves at 24; fires at 68, resolves 72
    s.add(gauge("database_connections_active", "database", "orders", hot(i, 8, 24, 60, 72), t));
    // DatabaseConnectionsDown (< 1 for 1m): fires at 44, resolves at 52
    s.add(gauge("database_connections_active", "database", "users", in(i, 40, 52) ? 0 : 20, t));
    // DatabaseConnectionsHigh pending from 30 to 35, too short to fire
    s.add(gauge("database_connections_active", "database", "cache", in(i, 30, 35) ? 85 : 30, t));
    // WebSocketConnectionsHigh (> 10000 for 5m): fires at 90, resolves at 95
    s.add(gauge("websocket_connections_active", "instance", "ws-1", in(i, 70, 95) ? 15e3 : 5e3, t));
    // ErrorRateSpike (increase[5m] > 100 for 2m): +100 a step from 20 to 39: fires 28, resolves 58
    s.add(counter("errors_total", Labels.of("service", "api"), i, k -> in(k, 20, 40) ? 100 : 2, t));
    // HighErrorRate (5xx rate ratio > 0.05 for 5m): 5xx traffic from 30 to 49: fires 50, resolves
    // 68, when the last 5xx increase leaves the 5m window
    s.add(counter("http_requests_total", http("200"), i, k -> 100, t));
    s.add(counter("http_requests_total", http("500"), i, k -> in(k, 30, 50) ? 10 : 0, t));
    // MemoryUsageHigh (used / total > 0.9 for 5m): fires at 30, resolves at 40
    s.add(gauge("node_memory_MemTotal_bytes", "instance", "node-1", 16e9, t));
    s.add(
        gauge(
            "node_memory_MemAvailable_bytes", "instance", "node-1", in(i, 10, 40) ? 5e8 : 8e9, t));
    return s;
  }

  private static double hot(int i, int from1, int to1, int from2, int to2) {
    return in(i, from1, to1) || in(i, from2, to2) ? 90 : 50;
  }

  private static boolean in(int i, int from, int to) {
    return i >= from && i < to;
  }

  private static Labels http(String code) {
    return Labels.of("service", "api", "status_code", code);
  }

  private static Sample gauge(String name, String label, String value, double v, long t) {
    return Sample.of(name, Labels.of(label, value), v, t);
  }

  private static Sample counter(
      String name, Labels labels, int i, java.util.function.IntToDoubleFunction step, long t) {
    double v = 0;
    for (int k = 1; k <= i; k++) {
      v += step.applyAsDouble(k);
    }
    return Sample.of(name, labels, v, t);
  }

  /** Steps written so far. */
  int written() {
    return next;
  }

  /** Records written so far (one per partition a step touched). */
  long recordsWritten() {
    return records;
  }

  /** Writes the next steps up to (not including) {@code step}, each as one batch. */
  void writeUpTo(int step) {
    for (; next < Math.min(step, STEPS); next++) {
      List<Sample> scraped = scrape(base, next);
      // one push per step, as ingest writes it; the record's time is the samples': a sender
      // whose clock the broker agrees with
      for (ProducerRecord<String, byte[]> r :
          SampleTopic.protobuf(
              scraped, SampleTopic.partitions(producer), scraped.get(0).timestampMillis())) {
        producer.send(r);
        records++;
      }
      producer.flush();
    }
  }

  /** Every event on {@code alerts} (read_committed), per alert fingerprint in topic order. */
  static Map<String, List<String>> events(TopicProbe alerts) {
    Map<String, List<String>> byAlert = new TreeMap<>();
    for (ConsumerRecord<String, String> r : alerts.drain()) {
      byAlert.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
    }
    return byAlert;
  }

  @Override
  public void close() {
    producer.close();
  }
}
