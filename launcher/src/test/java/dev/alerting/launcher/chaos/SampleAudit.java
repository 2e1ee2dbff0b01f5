package dev.alerting.launcher.chaos;

import dev.alerting.model.sample.Sample;
import dev.alerting.testkit.SampleProbe;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/** Reads {@code metrics.samples} to its end and names the acknowledged samples it lacks. */
final class SampleAudit {
  private SampleAudit() {}

  /** The keys ({@link SteadyPusher#key}) of {@code acknowledged} not on the topic, sorted. */
  static Set<String> missing(String bootstrapServers, Set<String> acknowledged) {
    Set<String> present = new HashSet<>();
    try (SampleProbe samples = new SampleProbe(bootstrapServers)) {
      for (Sample s : samples.drain()) {
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
