package dev.alerting.platform.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recent errors of one service by type and severity, for {@code GET /api/v1/errors}. It is fed two
 * ways: directly (failed requests, failing health checks) and from the counters the services
 * already keep (rejected samples, refused evaluations, failed deliveries), so a service records an
 * error once, as a metric, and both Prometheus and this endpoint see it.
 */
public final class ErrorLog {
  private static final long WINDOW_MILLIS = 3_600_000;
  private static final int MAX_ENTRIES = 2000;

  /** Counters that mean an error, by meter name: the error type and how bad it is. */
  private static final Map<String, Kind> COUNTERS =
      Map.of(
          "ingest.samples.rejected", new Kind("rejected_push", "low"),
          "rules.evaluations.refused", new Kind("refused_evaluation", "high"),
          "rules.reload.failures", new Kind("rule_reload_failure", "medium"),
          "notifier.notifications.failed", new Kind("failed_delivery", "high"),
          "incident.alert.events.invalid", new Kind("invalid_event", "medium"),
          "notifier.alerts.invalid", new Kind("invalid_event", "medium"));

  private record Kind(String type, String severity) {}

  private record Entry(long at, String type, String severity, String message, long count) {}

  private final MeterRegistry registry;
  private final Deque<Entry> entries = new ArrayDeque<>();
  private final Map<Meter.Id, Double> lastSeen = new HashMap<>();

  public ErrorLog(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records {@code count} errors of one type now. */
  public synchronized void record(String type, String severity, String message, long count) {
    entries.addLast(new Entry(System.currentTimeMillis(), type, severity, message, count));
    while (entries.size() > MAX_ENTRIES) {
      entries.removeFirst();
    }
  }

  /** Turns counter increases since the last look into entries; called before every answer. */
  synchronized void sampleCounters() {
    for (Meter m : registry.getMeters()) {
      Kind kind = COUNTERS.get(m.getId().getName());
      double value;
      if (m instanceof Counter c) {
        value = c.count();
      } else if (m instanceof FunctionCounter f) {
        value = f.count();
      } else {
        continue;
      }
      if (kind == null) {
        continue;
      }
      double before = lastSeen.getOrDefault(m.getId(), 0.0);
      lastSeen.put(m.getId(), value);
      long delta = (long) (value - before);
      if (delta > 0) {
        String severity =
            "unavailable".equals(m.getId().getTag("reason")) ? "high" : kind.severity();
        record(kind.type(), severity, describe(m), delta);
      }
    }
  }

  private static String describe(Meter m) {
    StringBuilder sb = new StringBuilder(m.getId().getName());
    m.getId().getTags().stream()
        .filter(t -> !t.getKey().equals("service"))
        .forEach(t -> sb.append(' ').append(t.getKey()).append('=').append(t.getValue()));
    return sb.toString();
  }

  /** Counts over the last hour by type and severity, and the latest entries. */
  public synchronized JsonObject lastHour() {
    sampleCounters();
    long now = System.currentTimeMillis();
    Iterator<Entry> it = entries.iterator();
    while (it.hasNext() && it.next().at() < now - WINDOW_MILLIS) {
      it.remove();
    }
    Map<String, Map<String, Long>> byType = new TreeMap<>();
    long total = 0;
    for (Entry e : entries) {
      byType
          .computeIfAbsent(e.type(), k -> new TreeMap<>())
          .merge(e.severity(), e.count(), Long::sum);
      total += e.count();
    }
    JsonObject breakdown = new JsonObject();
    byType.forEach((t, sev) -> breakdown.put(t, new JsonObject(new HashMap<>(sev))));
    JsonArray recent = new JsonArray();
    entries.stream()
        .skip(Math.max(0, entries.size() - 20))
        .forEach(
            e ->
                recent.add(
                    new JsonObject()
                        .put("type", e.type())
                        .put("severity", e.severity())
                        .put("message", e.message())
                        .put("count", e.count())
                        .put("timestamp", Instant.ofEpochMilli(e.at()).toString())));
    return new JsonObject()
        .put("window", "1h")
        .put("total_errors_last_hour", total)
        .put("error_rate_per_minute", total / 60.0)
        .put("by_type", breakdown)
        .put("recent_errors", recent);
  }
}
