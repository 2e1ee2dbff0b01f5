package dev.alerting.launcher.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.yammer.metrics.core.Histogram;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BrokerHistogramsIT {

  @Test
  @DisplayName(
      "the embedded broker records its request times in uniform histograms, after a restart too")
  void brokerRecordsIntoUniformHistograms() throws Exception {
    for (int start = 1; start <= 2; start++) {
      try (KafkaBroker kafka = KafkaBroker.start(0, null)) {
        long before = countOf(BrokerHistograms.registered("Produce", "TotalTimeMs"));
        produceOne(kafka.bootstrapServers());

        Histogram produce = BrokerHistograms.registered("Produce", "TotalTimeMs");
        assertThat(produce).as("start %d: the broker's Produce histogram", start).isNotNull();
        // the broker updates the histogram it got back from the registry: ours, if it is uniform
        assertThat(sampleKind(produce)).as("start %d", start).isEqualTo("UniformSample");
        assertThat(produce.count())
            .as("start %d: produce requests recorded", start)
            .isGreaterThan(before);
        assertThat(sampleKind(BrokerHistograms.registered("FetchConsumer", "LocalTimeMs")))
            .isEqualTo("UniformSample");
      }
    }
  }

  private static long countOf(Histogram h) {
    return h == null ? 0 : h.count();
  }

  private static void produceOne(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(java.util.List.of(new NewTopic("histograms", 1, (short) 1))).all().get();
    }
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap, "acks", "all"),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>("histograms", "k", "v")).get();
    }
  }

  /** The histogram's sample class: Yammer keeps no accessor for the kind it was made with. */
  private static String sampleKind(Histogram h) throws ReflectiveOperationException {
    var field = Histogram.class.getDeclaredField("sample");
    field.setAccessible(true);
    return field.get(h).getClass().getSimpleName();
  }
}
