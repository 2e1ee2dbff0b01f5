package dev.alerting.platform.kafka;

import java.util.Map;

/** A topic as the suite wants it to exist. */
public record TopicSpec(
    String name, int partitions, short replicationFactor, Map<String, String> configs) {
  public TopicSpec {
    if (partitions < 1) {
      throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1");
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("topic " + name + ": replication factor must be >= 1");
    }
    configs = Map.copyOf(configs);
  }
}
