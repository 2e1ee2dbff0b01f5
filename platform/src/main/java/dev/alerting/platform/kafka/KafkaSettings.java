package dev.alerting.platform.kafka;

import java.util.HashMap;
import java.util.Map;

/**
 * Kafka client settings shared by every service. Producers are durable (acks=all, idempotent) so a
 * 2xx or a committed offset means the data is on the broker; consumers never auto-commit.
 */
public record KafkaSettings(String bootstrapServers, int partitions, short replicationFactor) {

  public KafkaSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("KAFKA_BOOTSTRAP_SERVERS is empty");
    }
  }

  public Map<String, String> producer(String clientId) {
    Map<String, String> p = new HashMap<>();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("client.id", clientId);
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    p.put("max.in.flight.requests.per.connection", "5");
    p.put("linger.ms", "2");
    p.put("compression.type", "lz4");
    p.put("delivery.timeout.ms", "30000");
    p.put("request.timeout.ms", "10000");
    p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    return p;
  }

  /** A consumer in {@code groupId} reading from the earliest offset it has not committed. */
  public Map<String, String> consumer(String groupId, String clientId) {
    Map<String, String> c = new HashMap<>();
    c.put("bootstrap.servers", bootstrapServers);
    c.put("group.id", groupId);
    c.put("client.id", clientId);
    c.put("enable.auto.commit", "false");
    c.put("auto.offset.reset", "earliest");
    c.put("isolation.level", "read_committed");
    c.put("max.poll.records", "1000");
    c.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    c.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    return c;
  }

  public Map<String, Object> admin(String clientId) {
    Map<String, Object> a = new HashMap<>();
    a.put("bootstrap.servers", bootstrapServers);
    a.put("client.id", clientId);
    a.put("request.timeout.ms", 5000);
    a.put("default.api.timeout.ms", 10000);
    return a;
  }
}
