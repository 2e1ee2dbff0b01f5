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

  /**
   * The rule engine's election: one partition, never written; the instance its leader group assigns
   * partition 0 to is the active one, the others are standbys.
   */
  public static final String RULES_LEADER = "rules.leader";

  /**
   * Notifications that failed for good (the notifier's dead letters); key = dead letter id, value
   * the notification and why it failed (secrets redacted), a tombstone once re-sent. Compacted.
   */
  public static final String NOTIFICATIONS_DEAD = "notifications.dead";

  /**
   * Page requests from the incident service to the notifier; key = incident id, value {@code
   * PageCodec}'s page request.
   */
  public static final String PAGES = "pages";

  /** What came of each page, from the notifier back to the incident service; key = incident id. */
  public static final String PAGE_OUTCOMES = "pages.outcomes";

  /** Alertmanager silences, latest version per silence; key = silence id, tombstone = deleted. */
  public static final String SILENCES = "silences";

  /**
   * The notifier's notification log: per aggregation group, what was last delivered to each of its
   * integrations and the alerts the group held; key = group id, tombstone = group gone.
   */
  public static final String NOTIFICATIONS_LOG = "notifications.log";

  /**
   * The notifier's view of the firing alerts, compacted (key = fingerprint, tombstone = resolved):
   * every notifier instance follows all of it for inhibition and the API.
   */
  public static final String NOTIFIER_ALERTS = "notifier.alerts";

  /**
   * Alert events re-keyed by aggregation group id (one record per matching route), so the
   * partition, and the instance that owns it, decides which instance notifies a group.
   */
  public static final String NOTIFIER_GROUPS = "notifier.groups";

  private Topics() {}

  /**
   * The notifier's topics. Silences have one partition (every instance reads all of them); the
   * notification log and the group topic have the same partition count, so a group's log entry
   * lives on the partition number of its events.
   */
  public static List<TopicSpec> notifierState(int partitions, short replicationFactor) {
    Map<String, String> compacted =
        Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0", "segment.ms", "3600000");
    return List.of(
        new TopicSpec(SILENCES, 1, replicationFactor, compacted),
        new TopicSpec(NOTIFICATIONS_LOG, partitions, replicationFactor, compacted),
        new TopicSpec(NOTIFIER_ALERTS, partitions, replicationFactor, compacted),
        new TopicSpec(NOTIFIER_GROUPS, partitions, replicationFactor, Map.of()),
        // one partition keeps the dead letters in order
        new TopicSpec(NOTIFICATIONS_DEAD, 1, replicationFactor, compacted));
  }

  /** The topics the pipeline needs, with their settings; created at start-up when missing. */
  public static List<TopicSpec> pipeline(int partitions, short replicationFactor) {
    return List.of(
        new TopicSpec(SAMPLES, partitions, replicationFactor, Map.of()),
        new TopicSpec(ALERTS, partitions, replicationFactor, Map.of()));
  }

  /**
   * The rule engine's state topics. Compacted (the latest value per key is what matters) with one
   * partition, so the records of one checkpoint stay in write order; and its election topic, whose
   * single partition is what the active instance is assigned.
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
        new TopicSpec(RULES_STATE, 1, replicationFactor, compacted),
        new TopicSpec(RULES_LEADER, 1, replicationFactor, Map.of()));
  }

  /** The paging topics, shared by the incident service (producer of pages) and the notifier. */
  public static List<TopicSpec> paging(int partitions, short replicationFactor) {
    return List.of(
        new TopicSpec(PAGES, partitions, replicationFactor, Map.of()),
        new TopicSpec(PAGE_OUTCOMES, partitions, replicationFactor, Map.of()));
  }

  /** Room for a record's key, headers and batch framing around its value. */
  public static final int RECORD_OVERHEAD_BYTES = 64 * 1024;
}
