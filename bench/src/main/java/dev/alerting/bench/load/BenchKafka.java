package dev.alerting.bench.load;

import dev.alerting.platform.config.Settings;
import dev.alerting.platform.kafka.KafkaSecurity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings for the bench's own Kafka clients when they reach a user's broker ({@code --kafka}): the
 * address given to the bench plus the same {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_*}
 * and {@code KAFKA_SSL_*} keys the services read (README, "Kafka clients"), so a TLS or SASL
 * cluster is measured with the clients the suite itself would use.
 */
public final class BenchKafka {
  private BenchKafka() {}

  /** The security settings of this process's environment ({@code CONFIG_FILE} included). */
  public static KafkaSecurity fromEnvironment() {
    return Settings.fromEnvironment().kafka().security();
  }

  /** A client configuration: {@code extra}, the broker address, the client id and security. */
  public static Map<String, Object> client(
      KafkaSecurity security, String bootstrap, String clientId, Map<String, Object> extra) {
    Map<String, Object> m = new HashMap<>(extra);
    m.put("bootstrap.servers", bootstrap);
    m.put("client.id", clientId);
    return security.applyTo(m);
  }

  /** The same settings as {@code key=value} arguments, for tools such as ProducerPerformance. */
  public static List<String> properties(KafkaSecurity security) {
    List<String> out = new ArrayList<>();
    security.applyTo(new HashMap<String, String>()).forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }
}
