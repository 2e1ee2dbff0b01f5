package dev.alerting.platform.http;

import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.TreeMap;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What the Kafka clients of one service report about themselves, read from the metrics every Kafka
 * client registers in JMX (so no service has to hand its clients over). Clients are matched by
 * their {@code client.id}, which starts with the service name.
 */
final class KafkaClients {
  private final String service;
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  KafkaClients(String service) {
    this.service = service;
  }

  /** {@code client-id → {kind, lag, last poll, send/error rates}} for this service's clients. */
  JsonObject describe() {
    TreeMap<String, JsonObject> clients = new TreeMap<>();
    for (ObjectName n : query("kafka.consumer:type=consumer-metrics,client-id=*")) {
      String id = n.getKeyProperty("client-id");
      if (ours(id)) {
        clients.put(
            id,
            new JsonObject()
                .put("kind", "consumer")
                .put("group", KafkaConsumerMetrics.group(id))
                .put("last_poll_seconds_ago", number(n, "last-poll-seconds-ago"))
                .put(
                    "records_lag_max",
                    number(
                        name("kafka.consumer:type=consumer-fetch-manager-metrics,client-id=" + id),
                        "records-lag-max"))
                .put("connections", number(n, "connection-count")));
      }
    }
    for (ObjectName n : query("kafka.producer:type=producer-metrics,client-id=*")) {
      String id = n.getKeyProperty("client-id");
      if (ours(id)) {
        clients.put(
            id + " (producer)",
            new JsonObject()
                .put("kind", "producer")
                .put("record_send_rate", number(n, "record-send-rate"))
                .put("record_error_rate", number(n, "record-error-rate"))
                .put("connections", number(n, "connection-count")));
      }
    }
    return new JsonObject(new java.util.LinkedHashMap<>(clients));
  }

  private boolean ours(String clientId) {
    return clientId != null && clientId.startsWith(service);
  }

  private Set<ObjectName> query(String pattern) {
    return server.queryNames(name(pattern), null);
  }

  private static ObjectName name(String s) {
    try {
      return new ObjectName(s);
    } catch (javax.management.MalformedObjectNameException e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  /** The attribute as a number; null when absent or not a number (NaN before the first poll). */
  private Double number(ObjectName n, String attribute) {
    try {
      Object v = server.getAttribute(n, attribute);
      if (v instanceof Number num && Double.isFinite(num.doubleValue())) {
        return num.doubleValue();
      }
      return null;
    } catch (javax.management.JMException | RuntimeException e) {
      return null;
    }
  }
}
