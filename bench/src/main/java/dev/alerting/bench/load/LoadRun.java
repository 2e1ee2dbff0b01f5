package dev.alerting.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Pushes the background load of one scenario: {@code concurrency} request loops, each paced to its
 * share of the target rate (or back to back when the rate is 0). Only requests sent after the
 * warm-up count. In a paced run latency is measured from the time a request was due by the
 * schedule, not from its actual send: when the server falls behind, the wait of the requests it
 * held up counts (coordinated-omission correction). Back to back, it is measured from the send.
 */
public final class LoadRun {
  private final Vertx vertx;
  private final WebClient client;
  private final String format;
  private final int batch;
  private final Payloads payloads;
  private final double requestsPerLoopPerNano;
  private final int concurrency;

  private final Histogram latencyMicros = new SynchronizedHistogram(60_000_000L, 3);
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong nextRequest = new AtomicLong();
  private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
  private volatile long measureFrom;

  public LoadRun(
      Vertx vertx,
      String ingestUrl,
      String format,
      int batch,
      int series,
      int rate,
      int concurrency) {
    URI uri = URI.create(ingestUrl);
    this.vertx = vertx;
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost(uri.getHost())
                .setDefaultPort(uri.getPort() < 0 ? 80 : uri.getPort()),
            new PoolOptions().setHttp1MaxSize(concurrency + 1));
    this.format = format;
    this.batch = batch;
    this.payloads = new Payloads(series, batch);
    this.concurrency = concurrency;
    this.requestsPerLoopPerNano = rate == 0 ? 0 : (double) rate / batch / concurrency / 1e9;
  }

  /** Runs warm-up then the measured period; blocks the calling (non-event-loop) thread. */
  public LoadResult run(Duration warmup, Duration duration) {
    long start = System.nanoTime();
    measureFrom = start + warmup.toNanos();
    long end = measureFrom + duration.toNanos();
    List<Future<Void>> loops = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      Promise<Void> done = Promise.promise();
      vertx.runOnContext(v -> next(start, 0, end, done));
      loops.add(done.future());
    }
    Future.all(loops).await();
    double seconds = duration.toNanos() / 1e9;
    Map<String, Long> byStatus = new TreeMap<>();
    answers.forEach((k, v) -> byStatus.put(k, v.get()));
    client.close();
    return new LoadResult(
        format,
        batch,
        accepted.get() / seconds,
        latencyMicros.getValueAtPercentile(50) / 1000.0,
        latencyMicros.getValueAtPercentile(99) / 1000.0,
        latencyMicros.getTotalCount(),
        byStatus);
  }

  private void next(long start, long sentByLoop, long end, Promise<Void> done) {
    long now = System.nanoTime();
    if (now >= end) {
      done.complete();
      return;
    }
    long delayMillis = 0;
    long due = -1;
    if (requestsPerLoopPerNano > 0) {
      due = start + (long) (sentByLoop / requestsPerLoopPerNano);
      delayMillis = (due - now) / 1_000_000;
    }
    long scheduled = due;
    if (delayMillis >= 1) {
      vertx.setTimer(delayMillis, id -> send(start, sentByLoop, end, done, scheduled));
    } else {
      send(start, sentByLoop, end, done, scheduled);
    }
  }

  /** {@code due}: when the schedule wanted this request sent, -1 when running back to back. */
  private void send(long start, long sentByLoop, long end, Promise<Void> done, long due) {
    long request = nextRequest.getAndIncrement();
    long wall = System.currentTimeMillis();
    HttpRequest<Buffer> post;
    Buffer body;
    if (format.equals("json")) {
      post = client.post("/api/v1/samples").putHeader("Content-Type", "application/json");
      body = payloads.json(request, wall);
    } else {
      post =
          client
              .post("/api/v1/write")
              .putHeader("Content-Type", "application/x-protobuf")
              .putHeader("Content-Encoding", "snappy")
              .putHeader("X-Prometheus-Remote-Write-Version", "0.1.0");
      body = payloads.remoteWrite(request, wall);
    }
    // Latency counts from when the schedule wanted the request sent (coordinated omission
    // corrected), or from when it went out if that was earlier: a request sent up to a millisecond
    // ahead of its due time (timers have millisecond resolution) and answered fast would otherwise
    // record a negative latency, which the histogram refuses with an exception that ended the loop.
    long sent = due < 0 ? System.nanoTime() : Math.min(due, System.nanoTime());
    post.sendBuffer(body)
        .onComplete(
            ar -> {
              try {
                if (sent >= measureFrom) {
                  record(sent, ar.succeeded() ? ar.result() : null);
                }
              } finally {
                next(start, sentByLoop + 1, end, done);
              }
            });
  }

  private void record(long sent, HttpResponse<Buffer> response) {
    latencyMicros.recordValue(
        Math.max(0, Math.min((System.nanoTime() - sent) / 1000, 60_000_000L)));
    String status = response == null ? "io-error" : String.valueOf(response.statusCode());
    answers.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
    if (response != null && response.statusCode() / 100 == 2) {
      accepted.addAndGet(batch);
    }
  }

  /** What one scenario measured: accepted samples/s, HTTP latency in ms, answers by status. */
  public record LoadResult(
      String format,
      int batch,
      double samplesPerSecond,
      double p50Millis,
      double p99Millis,
      long requests,
      Map<String, Long> answers) {

    /** Answers other than 2xx, as {@code status×count}, or "0". */
    public String errors() {
      String e =
          answers.entrySet().stream()
              .filter(x -> !x.getKey().startsWith("2"))
              .map(x -> x.getKey() + "×" + x.getValue())
              .reduce((a, b) -> a + " " + b)
              .orElse("");
      return e.isEmpty() ? "0" : e;
    }
  }
}
