package dev.alerting.platform.http;

import dev.alerting.platform.kafka.ConsumerGroups;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.ObjectName;

/**
 * Exports the lag and last poll of a service's Kafka consumers, read from the metrics every Kafka
 * client registers in JMX (so no service hands its consumers over): {@code
 * kafka_consumer_lag_records{client,group,topic}} — records between the consumer's position and the
 * partition end, summed over the partitions it holds — and {@code
 * kafka_consumer_last_poll_seconds{client,group}}. Client ids are fixed in the code and start with
 * the service name, so the label sets stay small. Refreshed on every scrape: consumers and their
 * partitions come and go with rebalances, and a meter whose client or topic left is removed.
 */
final class KafkaConsumerMetrics {
  /** The group label of a consumer outside any group (assigned partitions, nothing committed). */
  static final String NO_GROUP = "none";

  private final KafkaJmx jmx;
  private final MeterRegistry registry;
  private final Map<Key, Held> held = new ConcurrentHashMap<>();

  private record Key(String metric, String client, String group, String topic) {}

  private record Held(Gauge gauge, AtomicReference<Double> value) {}

  KafkaConsumerMetrics(String service, MeterRegistry registry) {
    this.jmx = new KafkaJmx(service);
    this.registry = registry;
  }

  /** Reads the current values; registers meters for new clients and topics, drops gone ones. */
  void refresh() {
    Map<Key, Double> now = new HashMap<>();
    for (ObjectName n : jmx.query("kafka.consumer:type=consumer-metrics,client-id=*")) {
      String client = n.getKeyProperty("client-id");
      if (jmx.ours(client)) {
        Double ago = jmx.number(n, "last-poll-seconds-ago");
        if (ago != null) {
          now.put(new Key("kafka.consumer.last.poll", client, group(client), null), ago);
        }
      }
    }
    for (ObjectName n :
        jmx.query(
            "kafka.consumer:type=consumer-fetch-manager-metrics,client-id=*,topic=*,partition=*")) {
      String client = n.getKeyProperty("client-id");
      Double lag = jmx.ours(client) ? jmx.number(n, "records-lag") : null;
      if (lag != null) {
        now.merge(
            new Key("kafka.consumer.lag", client, group(client), n.getKeyProperty("topic")),
            lag,
            Double::sum);
      }
    }
    now.forEach((key, value) -> held.computeIfAbsent(key, this::register).value().set(value));
    for (Key gone : held.keySet().stream().filter(k -> !now.containsKey(k)).toList()) {
      registry.remove(held.remove(gone).gauge());
    }
  }

  private Held register(Key key) {
    AtomicReference<Double> value = new AtomicReference<>(0.0);
    boolean lag = key.metric().equals("kafka.consumer.lag");
    Gauge.Builder<AtomicReference<Double>> b =
        Gauge.builder(key.metric(), value, AtomicReference::get)
            .tag("client", key.client())
            .tag("group", key.group());
    if (lag) {
      b.tag("topic", key.topic())
          .baseUnit("records")
          .description("Records between a consumer's position and the end of its partitions");
    } else {
      b.baseUnit("seconds").description("Seconds since the consumer last polled");
    }
    return new Held(b.register(registry), value);
  }

  /** The group the consumer was configured with, or {@link #NO_GROUP}. */
  static String group(String client) {
    return ConsumerGroups.of(client).orElse(NO_GROUP);
  }
}
