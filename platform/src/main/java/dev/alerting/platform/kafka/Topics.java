package dev.alerting.platform.kafka;

import java.util.List;
import java.util.Map;

/** Every topic of the suite, named once. */
public final class Topics {
  /** Samples from metrics-ingest; key = series fingerprint, so one series keeps its order. */
  public static final String SAMPLES = "metrics.samples";

  /** Alert state changes (firing, resolved); key = alert fingerprint. */
  public static final String ALERTS = "alerts";

  private Topics() {}

  /** The topics the pipeline needs, with their settings; created at start-up when missing. */
  public static List<TopicSpec> pipeline(int partitions, short replicationFactor) {
    return List.of(
        new TopicSpec(SAMPLES, partitions, replicationFactor, Map.of()),
        new TopicSpec(ALERTS, partitions, replicationFactor, Map.of()));
  }
}
