package dev.alerting.platform.kafka;

import java.util.List;
import java.util.Map;

/** Every topic of the suite, named once. */
public final class Topics {
  /** Samples from metrics-ingest; key = series fingerprint, so one series keeps its order. */
  public static final String SAMPLES = "metrics.samples";

  /** Alert state changes (firing, resolved); key = alert fingerprint. */
  public static final String ALERTS = "alerts";

  /**
   * The current rule file, so every rule-engine instance converges: key {@value #RULES_KEY}, value
   * the YAML.
   */
  public static final String RULES = "rules";

  /** The one key of {@link #RULES}. */
  public static final String RULES_KEY = "rules";

  /**
   * The rule engine's checkpoint: alert state per rule and alert fingerprint, plus its position.
   */
  public static final String RULES_STATE = "rules.state";

  private Topics() {}

  /** The topics the pipeline needs, with their settings; created at start-up when missing. */
  public static List<TopicSpec> pipeline(int partitions, short replicationFactor) {
    return List.of(
        new TopicSpec(SAMPLES, partitions, replicationFactor, Map.of()),
        new TopicSpec(ALERTS, partitions, replicationFactor, Map.of()));
  }

  /**
   * The rule engine's state topics. Compacted (the latest value per key is what matters) with one
   * partition, so the records of one checkpoint stay in write order.
   */
  public static List<TopicSpec> ruleEngineState(short replicationFactor) {
    return ruleEngineState(replicationFactor, 0);
  }

  /**
   * As {@link #ruleEngineState(short)}, with {@link #RULES} taking records of up to {@code
   * maxRuleFileBytes} (0: the broker's default limit, about 1 MiB).
   */
  public static List<TopicSpec> ruleEngineState(short replicationFactor, int maxRuleFileBytes) {
    Map<String, String> compacted =
        Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0", "segment.ms", "3600000");
    Map<String, String> rules = new java.util.HashMap<>(compacted);
    if (maxRuleFileBytes > 0) {
      rules.put("max.message.bytes", String.valueOf(maxRuleFileBytes + RECORD_OVERHEAD_BYTES));
    }
    return List.of(
        new TopicSpec(RULES, 1, replicationFactor, rules),
        new TopicSpec(RULES_STATE, 1, replicationFactor, compacted));
  }

  /** Room for a record's key, headers and batch framing around its value. */
  public static final int RECORD_OVERHEAD_BYTES = 64 * 1024;
}
