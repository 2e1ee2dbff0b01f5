package dev.alerting.platform.kafka;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which consumer group each consumer client id of this process was configured with, so metrics can
 * label a client's lag with its group: Kafka's client metrics name the client id only. Written by
 * {@link KafkaSettings#consumer}; process-wide because Kafka's client metrics (JMX) are too.
 */
public final class ConsumerGroups {
  private static final Map<String, String> BY_CLIENT = new ConcurrentHashMap<>();

  private ConsumerGroups() {}

  static void note(String clientId, String groupId) {
    if (clientId == null) {
      return;
    }
    if (groupId == null) {
      BY_CLIENT.remove(clientId);
    } else {
      BY_CLIENT.put(clientId, groupId);
    }
  }

  /** The group {@code clientId} was last configured with, if any. */
  public static Optional<String> of(String clientId) {
    return Optional.ofNullable(BY_CLIENT.get(clientId));
  }
}
