package dev.alerting.launcher.broker;

import com.yammer.metrics.core.Histogram;
import com.yammer.metrics.core.MetricName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.network.metrics.RequestMetrics;
import org.apache.kafka.server.metrics.KafkaMetricsGroup;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;

/**
 * Registers the embedded broker's per-request latency and size histograms as uniform samples before
 * the broker creates them, so the broker's request path updates a fixed array instead of a skip
 * list.
 *
 * <p>Why: the broker asks for exponentially decaying (biased) histograms; each keeps its last ~1
 * 000 updates as {@code ConcurrentSkipListMap} nodes that live for minutes. In a separate broker
 * process that is harmless, but the one-command stack runs its broker in its own heap: under load
 * those nodes were most of what every young GC copied again (ages 2–15), lengthening the pauses the
 * rule engine's events wait behind. The metrics registry hands back an already registered histogram
 * of the same name, so registering first decides the kind. The cost: the embedded broker's
 * request-time percentiles (JMX only; the stack does not export them) cover its whole life instead
 * of the last minutes.
 */
final class BrokerHistograms {
  private static final String[] HISTOGRAMS = {
    "RequestQueueTimeMs",
    "LocalTimeMs",
    "RemoteTimeMs",
    "ThrottleTimeMs",
    "ResponseQueueTimeMs",
    "ResponseSendTimeMs",
    "TotalTimeMs",
    "RequestBytes",
    RequestMetrics.MESSAGE_CONVERSIONS_TIME_MS,
    RequestMetrics.TEMPORARY_MEMORY_BYTES
  };

  private BrokerHistograms() {}

  /** Registers a uniform histogram per request metric where none is registered yet. */
  static void registerUniform() {
    KafkaMetricsGroup group = new KafkaMetricsGroup("kafka.network", "RequestMetrics");
    for (String request : requestNames()) {
      for (String histogram : HISTOGRAMS) {
        KafkaYammerMetrics.defaultRegistry()
            .newHistogram(group.metricName(histogram, Map.of("request", request)), false);
      }
    }
  }

  /** The histogram the broker records {@code histogram} of {@code request} requests in, if any. */
  static Histogram registered(String request, String histogram) {
    MetricName name =
        new KafkaMetricsGroup("kafka.network", "RequestMetrics")
            .metricName(histogram, Map.of("request", request));
    return (Histogram) KafkaYammerMetrics.defaultRegistry().allMetrics().get(name);
  }

  /** The request names the broker keeps metrics under: every API, and fetches split by caller. */
  static List<String> requestNames() {
    List<String> names = new ArrayList<>();
    for (ApiKeys api : ApiKeys.values()) {
      names.add(api.name);
    }
    names.add(RequestMetrics.CONSUMER_FETCH_METRIC_NAME);
    names.add(RequestMetrics.FOLLOW_FETCH_METRIC_NAME);
    names.add(RequestMetrics.VERIFY_PARTITIONS_IN_TXN_METRIC_NAME);
    names.add(RequestMetrics.LIST_CLIENT_METRICS_RESOURCES_METRIC_NAME);
    return names;
  }
}
