package dev.alerting.platform.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * Kafka client settings shared by every service. Producers are durable (acks=all, idempotent) so a
 * 2xx or a committed offset means the data is on the broker; consumers never auto-commit. Every
 * client gets the same {@link KafkaSecurity}. Consumer groups use the KIP-848 {@code consumer}
 * protocol by default, and static membership when an instance id is set, so a member restarted
 * after a crash takes its partitions back at once instead of waiting out the dead member's session.
 *
 * @param minInsyncReplicas {@code min.insync.replicas} of created topics (0: the broker's default)
 * @param groupProtocol {@code consumer} (KIP-848, Kafka 4 brokers) or {@code classic}
 * @param groupInstanceId this instance's stable identity in its consumer groups (static
 *     membership), or null for dynamic membership
 * @param sessionTimeout how long a silent member keeps its partitions; a client setting with the
 *     classic protocol only (the {@code consumer} protocol takes the broker's {@code
 *     group.consumer.session.timeout.ms})
 */
public record KafkaSettings(
    String bootstrapServers,
    int partitions,
    short replicationFactor,
    int minInsyncReplicas,
    KafkaSecurity security,
    String groupProtocol,
    String groupInstanceId,
    Duration sessionTimeout) {

  private static final AtomicBoolean UNUSED_INSTANCE_ID_WARNED = new AtomicBoolean();

  /** The group protocols a consumer may ask for. */
  public static final Set<String> GROUP_PROTOCOLS = Set.of("consumer", "classic");

  public KafkaSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("KAFKA_BOOTSTRAP_SERVERS is empty");
    }
    if (minInsyncReplicas < 0 || minInsyncReplicas > replicationFactor) {
      throw new IllegalArgumentException(
          "KAFKA_MIN_INSYNC_REPLICAS "
              + minInsyncReplicas
              + " must be between 0 (broker default) and the replication factor "
              + replicationFactor);
    }
    if (!GROUP_PROTOCOLS.contains(groupProtocol)) {
      throw new IllegalArgumentException(
          "KAFKA_GROUP_PROTOCOL '" + groupProtocol + "' is not consumer or classic");
    }
    if (groupInstanceId != null && groupInstanceId.isBlank()) {
      groupInstanceId = null;
    }
    if (groupInstanceId != null
        && !groupProtocol.equals("classic")
        && UNUSED_INSTANCE_ID_WARNED.compareAndSet(false, true)) {
      LoggerFactory.getLogger(KafkaSettings.class)
          .warn(
              "KAFKA_GROUP_INSTANCE_ID is used with KAFKA_GROUP_PROTOCOL=classic only; the consumer"
                  + " protocol refuses a member restarted within its session"
                  + " (UNRELEASED_INSTANCE_ID, fatal in the client), so its groups use dynamic"
                  + " membership");
    }
    if (sessionTimeout.toMillis() < 1000) {
      throw new IllegalArgumentException("KAFKA_SESSION_TIMEOUT must be at least 1s");
    }
  }

  /** Plaintext, the broker's defaults for groups and topics: tests and the embedded broker. */
  public KafkaSettings(String bootstrapServers, int partitions, short replicationFactor) {
    this(
        bootstrapServers,
        partitions,
        replicationFactor,
        0,
        KafkaSecurity.PLAINTEXT,
        "consumer",
        null,
        Duration.ofSeconds(10));
  }

  public Map<String, String> producer(String clientId) {
    Map<String, String> p = new HashMap<>();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("client.id", clientId);
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    p.put("max.in.flight.requests.per.connection", "5");
    p.put("linger.ms", "2");
    // snappy, not lz4: Kafka's lz4 stream allocates two 64 KiB block buffers for every batch it
    // opens (~77 KB per record at the ingest's one batch per partition per push; snappy ~1.4 KB)
    p.put("compression.type", "snappy");
    p.put("delivery.timeout.ms", "30000");
    p.put("request.timeout.ms", "10000");
    p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    return security.applyTo(p);
  }

  /**
   * A consumer in {@code groupId} (none when null: partitions assigned, nothing committed) reading
   * from the earliest offset it has not committed. With an instance id, its static member id is
   * {@code <instance id>-<clientId>}: stable across restarts and distinct for the consumers of one
   * process.
   */
  public Map<String, String> consumer(String groupId, String clientId) {
    Map<String, String> c = new HashMap<>();
    c.put("bootstrap.servers", bootstrapServers);
    if (groupId != null) {
      c.put("group.id", groupId);
    }
    c.put("client.id", clientId);
    ConsumerGroups.note(clientId, groupId);
    c.put("enable.auto.commit", "false");
    c.put("auto.offset.reset", "earliest");
    c.put("isolation.level", "read_committed");
    c.put("max.poll.records", "1000");
    c.put("group.protocol", groupProtocol);
    if (groupProtocol.equals("classic")) {
      c.put("session.timeout.ms", String.valueOf(sessionTimeout.toMillis()));
      c.put("heartbeat.interval.ms", String.valueOf(Math.max(250, sessionTimeout.toMillis() / 4)));
    }
    if (groupInstanceId != null && groupProtocol.equals("classic")) {
      // Static membership, classic protocol only: a member restarted after a crash replaces its
      // old self at once. The KIP-848 protocol refuses it until the old session ends
      // (UNRELEASED_INSTANCE_ID), which the client treats as fatal: the consumer stops for good.
      c.put("group.instance.id", groupInstanceId + "-" + clientId);
    }
    c.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    c.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    return security.applyTo(c);
  }

  /**
   * A consumer outside any group (assigned partitions, offsets not committed): checkpoint and
   * compacted-topic readers.
   */
  public Map<String, Object> reader(String clientId) {
    Map<String, Object> c = new HashMap<>();
    c.put("bootstrap.servers", bootstrapServers);
    c.put("client.id", clientId);
    c.put("enable.auto.commit", "false");
    c.put("isolation.level", "read_committed");
    c.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    c.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    return security.applyTo(c);
  }

  public Map<String, Object> admin(String clientId) {
    Map<String, Object> a = new HashMap<>();
    a.put("bootstrap.servers", bootstrapServers);
    a.put("client.id", clientId);
    a.put("request.timeout.ms", 5000);
    a.put("default.api.timeout.ms", 10000);
    return security.applyTo(a);
  }

  /** {@code spec} with this cluster's {@code min.insync.replicas}, unless the spec sets one. */
  public TopicSpec withDurability(TopicSpec spec) {
    if (minInsyncReplicas == 0 || spec.configs().containsKey("min.insync.replicas")) {
      return spec;
    }
    Map<String, String> configs = new HashMap<>(spec.configs());
    configs.put("min.insync.replicas", String.valueOf(minInsyncReplicas));
    return new TopicSpec(spec.name(), spec.partitions(), spec.replicationFactor(), configs);
  }

  @Override
  public String toString() {
    return "KafkaSettings[bootstrapServers="
        + bootstrapServers
        + ", partitions="
        + partitions
        + ", replicationFactor="
        + replicationFactor
        + ", minInsyncReplicas="
        + minInsyncReplicas
        + ", security="
        + security
        + ", groupProtocol="
        + groupProtocol
        + ", groupInstanceId="
        + groupInstanceId
        + "]";
  }
}
