package dev.alerting.launcher.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the embedded broker's settings")
class KafkaBrokerPropertiesTest {
  private final Properties p = KafkaBroker.properties(9092, 9093, Path.of("/tmp/kafka"));

  @Test
  @DisplayName(
      "a short broker session (a restarted broker is refused while the dead one's lives) with the"
          + " heartbeat well inside it")
  void shortSession() {
    int session = Integer.parseInt(p.getProperty("broker.session.timeout.ms"));
    int heartbeat = Integer.parseInt(p.getProperty("broker.heartbeat.interval.ms"));
    assertThat(session).isLessThanOrEqualTo(3000);
    assertThat(heartbeat * 4).isLessThanOrEqualTo(session);
  }

  @Test
  @DisplayName("three transaction-state partitions for the one transactional producer")
  void fewTransactionPartitions() {
    assertThat(p.getProperty("transaction.state.log.num.partitions")).isEqualTo("3");
  }
}
