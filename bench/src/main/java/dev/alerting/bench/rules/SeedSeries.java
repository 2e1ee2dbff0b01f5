package dev.alerting.bench.rules;

import dev.alerting.model.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark (b): synthetic series for every metric the seed rules read, shaped as a small
 * deployment: {@code services} services × 5 instances serving HTTP (4 status codes, 8 latency
 * buckets), one node per instance (2 filesystems, memory, 4 CPUs × 4 modes), databases, Redis and
 * the game/business gauges and counters. Values stay in normal ranges; counters only grow. Only
 * HighErrorRate fires, on every 5xx series: its {@code rate(x{status_code=~"5.."}) / rate(x)}
 * matches each 5xx series with itself, so the ratio is 1 (the users' rule, as written).
 */
final class SeedSeries {
  static final int INSTANCES_PER_SERVICE = 5;
  private static final String[] CODES = {"200", "404", "500", "503"};
  private static final String[] BUCKETS = {"0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"};
  // Cumulative share of requests per bucket: p95 at 0.5 s, under HighResponseTime's 2 s.
  private static final double[] SHARE = {0.6, 0.85, 0.95, 0.98, 0.995, 0.999, 1, 1};
  private static final String[] MODES = {"idle", "user", "system", "iowait"};

  /** Which kind of value a series carries. */
  enum Kind {
    REQUESTS,
    BUCKET,
    GAUGE,
    COUNTER,
    CPU
  }

  final List<Labels> series = new ArrayList<>();
  private final List<Kind> kinds = new ArrayList<>();
  private final List<Double> scale = new ArrayList<>();

  SeedSeries(int services) {
    for (int svc = 0; svc < services; svc++) {
      String service = "svc-" + svc;
      add(Kind.COUNTER, 0.1, "errors_total", "service", service);
      for (int i = 0; i < INSTANCES_PER_SERVICE; i++) {
        String instance = service + "-" + i + ":8080";
        for (String code : CODES) {
          double rate = code.equals("200") ? 100 : code.equals("404") ? 3 : 1;
          add(
              Kind.REQUESTS,
              rate,
              "http_requests_total",
              "service",
              service,
              "instance",
              instance,
              "status_code",
              code);
        }
        for (int b = 0; b < BUCKETS.length; b++) {
          add(
              Kind.BUCKET,
              100.0 * SHARE[b],
              "http_request_duration_seconds_bucket",
              "service",
              service,
              "instance",
              instance,
              "le",
              BUCKETS[b]);
        }
        node(service + "-" + i + ":9100");
      }
    }
    for (int d = 0; d < 10; d++) {
      add(Kind.GAUGE, 40, "database_connections_active", "database", "db-" + d);
    }
    for (int r = 0; r < 5; r++) {
      add(Kind.COUNTER, 0.01, "redis_commands_failed_total", "instance", "redis-" + r + ":6379");
    }
    add(Kind.GAUGE, 5000, "active_users_current");
    add(Kind.GAUGE, 2000, "websocket_connections_active");
    add(Kind.GAUGE, 1e6, "revenue_current");
    for (int a = 0; a < 10; a++) {
      add(Kind.COUNTER, 5, "game_actions_total", "action", "action-" + a);
    }
    add(Kind.COUNTER, 0.1, "prestige_events_total");
    add(Kind.COUNTER, 2, "user_registrations_total");
  }

  private void node(String instance) {
    for (String mount : new String[] {"/", "/data"}) {
      add(
          Kind.GAUGE,
          40e9,
          "node_filesystem_avail_bytes",
          "instance",
          instance,
          "mountpoint",
          mount,
          "device",
          "sda");
      add(
          Kind.GAUGE,
          100e9,
          "node_filesystem_size_bytes",
          "instance",
          instance,
          "mountpoint",
          mount,
          "device",
          "sda");
    }
    add(Kind.GAUGE, 16e9, "node_memory_MemTotal_bytes", "instance", instance);
    add(Kind.GAUGE, 8e9, "node_memory_MemAvailable_bytes", "instance", instance);
    for (int cpu = 0; cpu < 4; cpu++) {
      for (String mode : MODES) {
        add(
            Kind.CPU,
            mode.equals("idle") ? 0.7 : 0.1,
            "node_cpu_seconds_total",
            "instance",
            instance,
            "cpu",
            String.valueOf(cpu),
            "mode",
            mode);
      }
    }
  }

  private void add(Kind kind, double scale, String name, String... labels) {
    String[] pairs = new String[labels.length + 2];
    pairs[0] = Labels.METRIC_NAME;
    pairs[1] = name;
    System.arraycopy(labels, 0, pairs, 2, labels.length);
    series.add(Labels.of(pairs));
    kinds.add(kind);
    this.scale.add(scale);
  }

  /**
   * Counters grow by about {@code scale} per second (a bucket exactly its share of 100), gauges
   * wobble ±10 % around {@code scale}, CPU seconds grow by their mode's share.
   */
  double value(int s, long step) {
    double k = scale.get(s);
    double seconds = step * SampleFeed.STEP_MS / 1000.0;
    double wobble = 1 + 0.1 * Math.sin(s + step / 7.0);
    return switch (kinds.get(s)) {
      case REQUESTS, COUNTER, CPU -> k * seconds * (1 + 0.05 * Math.sin(s));
      case BUCKET -> k * seconds;
      case GAUGE -> k * wobble;
    };
  }

  /**
   * As {@link #value} with values as exporters report them: request, bucket and error counters
   * whole numbers, CPU seconds in hundredths, gauges with two significant digits.
   */
  double scraped(int s, long step) {
    double v = value(s, step);
    return switch (kinds.get(s)) {
      case REQUESTS, COUNTER, BUCKET -> Math.floor(v);
      case CPU -> Math.floor(v * 100) / 100;
      case GAUGE -> twoDigits(v);
    };
  }

  private static double twoDigits(double v) {
    if (v == 0) {
      return 0;
    }
    int e = (int) Math.floor(Math.log10(Math.abs(v))) - 1;
    // the double nearest to the two-digit decimal, as parsing the exporter's text gives it
    return e >= 0
        ? Math.round(v / Math.pow(10, e)) * Math.pow(10, e)
        : Math.round(v * Math.pow(10, -e)) / Math.pow(10, -e);
  }
}
