package dev.alerting.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RawKafkaTest {

  @Test
  @DisplayName("the baseline producer runs with the ingest producer's batching and durability")
  void baselineUsesIngestProducerSettings() {
    assertThat(RawKafka.producerProperties("broker:9093"))
        .contains(
            "bootstrap.servers=broker:9093",
            "acks=all",
            "enable.idempotence=true",
            "max.in.flight.requests.per.connection=5",
            "compression.type=snappy",
            "linger.ms=0",
            "batch.size=262144",
            "client.id=bench-producer-performance")
        .noneMatch(p -> p.startsWith("key.serializer=") || p.startsWith("value.serializer="));
  }
}
