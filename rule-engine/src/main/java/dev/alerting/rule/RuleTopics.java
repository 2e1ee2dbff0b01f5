package dev.alerting.rule;

import dev.alerting.platform.kafka.TopicSpec;
import java.util.List;
import java.util.Map;

/**
 * The rule engine's own topics. Both are compacted with one partition: each holds a small keyed
 * state whose latest value per key is what matters, and one partition keeps the records of one
 * checkpoint in write order (see DESIGN.md). They belong in the platform's {@code Topics} once the
 * lead moves them there.
 */
public final class RuleTopics {
  /** The current rule file: key {@value #RULES_KEY}, value the rule-file YAML. */
  public static final String RULES = "rules";

  /** The one key of {@link #RULES}. */
  public static final String RULES_KEY = "rules";

  /** The engine checkpoint: alert state per rule and alert fingerprint, plus the position record. */
  public static final String STATE = "rules.state";

  private RuleTopics() {}

  public static List<TopicSpec> specs(short replicationFactor) {
    Map<String, String> compacted =
        Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0", "segment.ms", "3600000");
    return List.of(
        new TopicSpec(RULES, 1, replicationFactor, compacted),
        new TopicSpec(STATE, 1, replicationFactor, compacted));
  }
}
