package dev.alerting.rule.engine;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.model.sample.Sample;
import dev.alerting.rule.expr.SeriesSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest sample of every series, indexed by metric name, read with Prometheus's lookback: a
 * series whose latest sample is older than the lookback, or is a staleness marker, is absent.
 */
public final class SeriesStore implements SeriesSource {
  private final long lookbackMillis;
  private final Map<String, Map<Labels, Sample>> byMetric = new HashMap<>();
  private int size;

  public SeriesStore(Duration lookback) {
    this.lookbackMillis = lookback.toMillis();
  }

  /**
   * Keeps {@code s} if it is not older than the series' latest sample; returns false for an
   * out-of-order sample, which Prometheus rejects too.
   */
  public boolean add(Sample s) {
    Map<Labels, Sample> series = byMetric.computeIfAbsent(s.name(), k -> new LinkedHashMap<>());
    Sample prev = series.get(s.series());
    if (prev != null && prev.timestampMillis() > s.timestampMillis()) {
      return false;
    }
    if (prev == null) {
      size++;
    }
    series.put(s.series(), s);
    return true;
  }

  @Override
  public List<Sample> instant(List<Matcher> matchers, long atMillis) {
    String metric = metricName(matchers);
    List<Sample> out = new ArrayList<>();
    if (metric != null) {
      collect(byMetric.getOrDefault(metric, Map.of()), matchers, atMillis, out);
    } else {
      for (Map<Labels, Sample> series : byMetric.values()) {
        collect(series, matchers, atMillis, out);
      }
    }
    return out;
  }

  private void collect(Map<Labels, Sample> series, List<Matcher> matchers, long at, List<Sample> out) {
    for (Sample s : series.values()) {
      long ts = s.timestampMillis();
      if (ts > at || ts <= at - lookbackMillis || s.isStaleMarker()) {
        continue;
      }
      if (matchesAll(matchers, s.series())) {
        out.add(s);
      }
    }
  }

  static boolean matchesAll(List<Matcher> matchers, Labels series) {
    for (Matcher m : matchers) {
      if (!m.matches(series)) {
        return false;
      }
    }
    return true;
  }

  /** The metric name an equality matcher on {@code __name__} pins, or null. */
  static String metricName(List<Matcher> matchers) {
    for (Matcher m : matchers) {
      if (m.name().equals(Labels.METRIC_NAME) && m.type() == Matcher.Type.EQ) {
        return m.value();
      }
    }
    return null;
  }

  /** Forgets series whose latest sample is at or before {@code cutoffMillis}; returns how many. */
  public int evictUpTo(long cutoffMillis) {
    int evicted = 0;
    for (Iterator<Map<Labels, Sample>> metrics = byMetric.values().iterator(); metrics.hasNext(); ) {
      Map<Labels, Sample> series = metrics.next();
      for (Iterator<Sample> it = series.values().iterator(); it.hasNext(); ) {
        if (it.next().timestampMillis() <= cutoffMillis) {
          it.remove();
          evicted++;
        }
      }
      if (series.isEmpty()) {
        metrics.remove();
      }
    }
    size -= evicted;
    return evicted;
  }

  /** How many series are held. */
  public int size() {
    return size;
  }
}
