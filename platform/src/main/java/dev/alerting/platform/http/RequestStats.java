package dev.alerting.platform.http;

import io.vertx.core.json.JsonObject;

/**
 * Request rate and mean latency over the last minute, in one-second buckets: what {@code
 * /health/detailed} reports without a query language. Thread-safe; cheap enough for every request.
 */
final class RequestStats {
  private static final int SECONDS = 60;
  private final long[] second = new long[SECONDS];
  private final long[] count = new long[SECONDS];
  private final long[] nanos = new long[SECONDS];

  synchronized void record(long nowMillis, long durationNanos) {
    int i = slot(nowMillis);
    count[i]++;
    nanos[i] += durationNanos;
  }

  synchronized JsonObject snapshot(long nowMillis) {
    long now = nowMillis / 1000;
    long n = 0;
    long total = 0;
    for (int i = 0; i < SECONDS; i++) {
      if (now - second[i] < SECONDS) {
        n += count[i];
        total += nanos[i];
      }
    }
    return new JsonObject()
        .put("window_seconds", SECONDS)
        .put("requests", n)
        .put("requests_per_second", n / (double) SECONDS)
        .put("avg_response_time_ms", n == 0 ? 0.0 : total / (double) n / 1_000_000.0);
  }

  private int slot(long nowMillis) {
    long s = nowMillis / 1000;
    int i = (int) (s % SECONDS);
    if (second[i] != s) {
      second[i] = s;
      count[i] = 0;
      nanos[i] = 0;
    }
    return i;
  }
}
