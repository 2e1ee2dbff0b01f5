package dev.alerting.platform.http;

import io.vertx.core.json.JsonObject;
import java.util.TreeMap;
import javax.management.ObjectName;

/**
 * What the Kafka clients of one service report about themselves, read from the metrics every Kafka
 * client registers in JMX (so no service has to hand its clients over). Clients are matched by
 * their {@code client.id}, which starts with the service name.
 */
final class KafkaClients {
  private final KafkaJmx jmx;

  KafkaClients(String service) {
    this.jmx = new KafkaJmx(service);
  }

  /** {@code client-id → {kind, lag, last poll, send/error rates}} for this service's clients. */
  JsonObject describe() {
    TreeMap<String, JsonObject> clients = new TreeMap<>();
    for (ObjectName n : jmx.query("kafka.consumer:type=consumer-metrics,client-id=*")) {
      String id = n.getKeyProperty("client-id");
      if (jmx.ours(id)) {
        clients.put(
            id,
            new JsonObject()
                .put("kind", "consumer")
                .put("group", KafkaConsumerMetrics.group(id))
                .put("last_poll_seconds_ago", jmx.number(n, "last-poll-seconds-ago"))
                .put(
                    "records_lag_max",
                    jmx.number(
                        KafkaJmx.name(
                            "kafka.consumer:type=consumer-fetch-manager-metrics,client-id=" + id),
                        "records-lag-max"))
                .put("connections", jmx.number(n, "connection-count")));
      }
    }
    for (ObjectName n : jmx.query("kafka.producer:type=producer-metrics,client-id=*")) {
      String id = n.getKeyProperty("client-id");
      if (jmx.ours(id)) {
        clients.put(
            id + " (producer)",
            new JsonObject()
                .put("kind", "producer")
                .put("record_send_rate", jmx.number(n, "record-send-rate"))
                .put("record_error_rate", jmx.number(n, "record-error-rate"))
                .put("connections", jmx.number(n, "connection-count")));
      }
    }
    return new JsonObject(new java.util.LinkedHashMap<>(clients));
  }
}
