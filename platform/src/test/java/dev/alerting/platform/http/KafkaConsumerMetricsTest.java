package dev.alerting.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.platform.kafka.KafkaSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real Kafka consumer (no broker needed: its metrics exist from construction): the scrape-time
 * refresh exports its last poll labelled with client and group, only for the service's own clients,
 * and drops the meter once the consumer is closed.
 */
class KafkaConsumerMetricsTest {
  @Test
  @Timeout(30)
  @DisplayName(
      "a service's consumer appears with its client and group at refresh, other services' do not, and it is gone after close")
  void followsConsumers() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    KafkaConsumerMetrics metrics = new KafkaConsumerMetrics("lagtest", registry);
    KafkaSettings kafka = new KafkaSettings("127.0.0.1:1", 1, (short) 1);
    KafkaConsumer<String, String> ours = consumer(kafka.consumer("lagtest-group", "lagtest-a"));
    KafkaConsumer<String, String> theirs = consumer(kafka.consumer("x", "othertest-a"));
    try {
      metrics.refresh();
      Gauge poll =
          registry
              .find("kafka.consumer.last.poll")
              .tags("client", "lagtest-a", "group", "lagtest-group")
              .gauge();
      assertThat(poll).isNotNull();
      // before its first poll Kafka reports -1, and so does the metric
      assertThat(poll.value()).isEqualTo(-1.0);
      assertThat(registry.find("kafka.consumer.last.poll").tag("client", "othertest-a").gauge())
          .isNull();
    } finally {
      theirs.close(Duration.ZERO);
      ours.close(Duration.ZERO);
    }
    metrics.refresh();
    assertThat(registry.find("kafka.consumer.last.poll").gauges()).isEmpty();
  }

  private static KafkaConsumer<String, String> consumer(Map<String, String> config) {
    Map<String, Object> c = new HashMap<>(config);
    // the classic consumer closes at once without a broker; the metrics read are the same
    c.put("group.protocol", "classic");
    return new KafkaConsumer<>(c);
  }
}
