package dev.alerting.launcher.chaos;

import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.SampleCodec;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.testkit.TopicProbe;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads {@code metrics.samples} to its end and names the acknowledged samples it lacks. */
final class SampleAudit {
  private SampleAudit() {}

  /** The keys ({@link SteadyPusher#key}) of {@code acknowledged} not on the topic, sorted. */
  static Set<String> missing(String bootstrapServers, Set<String> acknowledged) {
    Set<String> present = new HashSet<>();
    try (TopicProbe samples = new TopicProbe(bootstrapServers, Topics.SAMPLES)) {
      for (ConsumerRecord<String, String> r : samples.drain()) {
        Sample s = SampleCodec.decode(r.value());
        String metric = s.series().metricName();
        if (SteadyPusher.SEQ_METRIC.equals(metric) || ChaosFiles.METRIC.equals(metric)) {
          present.add(
              SteadyPusher.key(metric, s.series().getOrEmpty("series"), s.timestampMillis()));
        }
      }
    }
    Set<String> missing = new TreeSet<>(acknowledged);
    missing.removeAll(present);
    return missing;
  }
}
