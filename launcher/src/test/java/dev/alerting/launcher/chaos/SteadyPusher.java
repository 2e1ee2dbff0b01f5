package dev.alerting.launcher.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady push load: every {@code period} one {@code POST /api/v1/samples} carrying the current
 * value of every chaos series and one {@code chaos_seq} sample whose value is the request's
 * sequence number. Each request has its own timestamp (strictly increasing), so every sample is
 * identified by its series and timestamp; the samples of every request answered 2xx are recorded as
 * acknowledged.
 */
final class SteadyPusher implements AutoCloseable {
  static final String SEQ_METRIC = "chaos_seq";

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final String url;
  private final Map<String, Double> values = new ConcurrentHashMap<>();
  private final List<String> acked = new CopyOnWriteArrayList<>();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private long seq;
  private long lastTimestamp;

  SteadyPusher(String ingestUrl, Duration period) {
    this.url = ingestUrl + "/api/v1/samples";
    timer.scheduleAtFixedRate(this::push, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** From the next push on, every series in {@code series} is pushed at {@code value}. */
  void set(Collection<String> series, double value) {
    series.forEach(s -> values.put(s, value));
  }

  /** The identity ({@link #key}) of every sample of every request answered 2xx so far. */
  Set<String> acknowledged() {
    return Set.copyOf(acked);
  }

  int requestsAcknowledged() {
    return (int) acked.stream().filter(k -> k.startsWith(SEQ_METRIC)).count();
  }

  int requestsRefused() {
    return refused.get();
  }

  int requestsFailed() {
    return failed.get();
  }

  /** A sample's identity: metric, {@code series} label (empty for the sequence) and timestamp. */
  static String key(String metric, String series, long timestamp) {
    return metric + "|" + series + "|" + timestamp;
  }

  private void push() {
    long ts = Math.max(System.currentTimeMillis(), lastTimestamp + 1);
    lastTimestamp = ts;
    long n = ++seq;
    List<String> keys = new ArrayList<>();
    StringBuilder body = new StringBuilder("[");
    body.append(sample(SEQ_METRIC, "{}", n, ts));
    keys.add(key(SEQ_METRIC, "", ts));
    values.forEach(
        (series, v) -> {
          body.append(',')
              .append(sample(ChaosFiles.METRIC, "{\"series\":\"" + series + "\"}", v, ts));
          keys.add(key(ChaosFiles.METRIC, series, ts));
        });
    body.append(']');
    try {
      HttpResponse<Void> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(Duration.ofSeconds(15))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() / 100 == 2) {
        acked.addAll(keys);
      } else {
        refused.incrementAndGet();
      }
    } catch (IOException e) {
      failed.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String sample(String name, String labels, double value, long ts) {
    return "{\"name\":\""
        + name
        + "\",\"labels\":"
        + labels
        + ",\"value\":"
        + value
        + ",\"timestamp\":"
        + ts
        + "}";
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(10, TimeUnit.SECONDS);
  }
}
