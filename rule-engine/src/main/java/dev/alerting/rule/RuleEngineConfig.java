package dev.alerting.rule;

import dev.alerting.model.Labels;
import dev.alerting.platform.config.ConfigException;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.http.AccessTokens;
import dev.alerting.platform.kafka.KafkaSettings;
import dev.alerting.promql.syntax.ParseLimits;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.engine.EngineOptions;
import dev.alerting.rule.expr.PromQLParser;
import dev.alerting.rule.file.RuleFileException;
import dev.alerting.rule.file.RuleFileLoader;
import dev.alerting.rule.group.RuleGroup;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rule engine's validated configuration. Rule files are loaded here, so a bad rule stops the
 * service at start-up with one message naming {@code RULES_FILE}, the group, the rule and the
 * reason.
 */
public record RuleEngineConfig(
    int httpPort,
    Optional<Path> rulesPath,
    List<RuleGroup> groups,
    Duration tickInterval,
    String externalUrl,
    Labels externalLabels,
    Duration reloadInterval,
    int maxSeriesPerRule,
    KafkaSettings kafka,
    String transactionalId,
    Duration leaderSessionTimeout,
    Optional<String> instanceId,
    Duration maxFutureSkew,
    int replayMaxSamples,
    Duration replayStallTimeout,
    int maxRuleFileBytes,
    ParseLimits exprLimits,
    AccessTokens authTokens,
    boolean storageCompression,
    boolean groupEvaluation) {

  /** HTTP port for health, metrics and the rules/alerts API; 0 picks a free port. */
  public static final String HTTP_PORT = "RULES_HTTP_PORT";

  /**
   * A Prometheus rule file, or a folder whose *.yml/*.yaml files are all loaded; unset loads none.
   */
  public static final String RULES_FILE = "RULES_FILE";

  /** How often the event-time clock advances to wall-clock time without samples. */
  public static final String TICK_INTERVAL = "RULES_TICK_INTERVAL";

  /** This engine's public URL: the base of each alert's generatorURL and {@code $externalURL}. */
  public static final String EXTERNAL_URL = "RULES_EXTERNAL_URL";

  /** Labels added to every emitted alert that does not set them, as {@code k=v,k2=v2}. */
  public static final String EXTERNAL_LABELS = "RULES_EXTERNAL_LABELS";

  /**
   * How often {@code RULES_FILE} is checked for changes (modification times), which are then
   * applied live.
   */
  public static final String RELOAD_INTERVAL = "RULES_RELOAD_INTERVAL";

  /**
   * The most series (result elements) one evaluation of a rule may produce; over it the evaluation
   * is refused as an error. A group's {@code limit} may lower it.
   */
  public static final String MAX_SERIES_PER_RULE = "RULES_MAX_SERIES_PER_RULE";

  /**
   * The Kafka transactional id of the engine's writes (alert events and checkpoint in one
   * transaction). Also the lease of the active instance: an elected instance claims it, fencing any
   * older holder; and it names the election group ({@code <id>-leader}) of the instances that share
   * it.
   */
  public static final String TRANSACTIONAL_ID = "RULES_TRANSACTIONAL_ID";

  /**
   * How long the active instance keeps its seat in the election group without a heartbeat: the
   * failover time after a {@code kill -9} (a stopped instance leaves at once). The broker accepts
   * {@code group.min.session.timeout.ms} (6 s by default) to {@code group.max.session.timeout.ms}.
   */
  public static final String LEADER_SESSION_TIMEOUT = "RULES_LEADER_SESSION_TIMEOUT";

  /**
   * This instance's stable name in the election (static membership): an instance restarted under
   * the same name after a {@code kill -9} takes its seat back at once instead of waiting out the
   * dead one's session. One name per instance; defaults to {@code KAFKA_GROUP_INSTANCE_ID}.
   */
  public static final String INSTANCE_ID = "RULES_INSTANCE_ID";

  /**
   * How far a sample's timestamp may lie ahead of its record's broker time and still move the
   * engine clock to it; a sample further ahead is stored but moves the clock only to that bound.
   */
  public static final String MAX_FUTURE_SKEW = "RULES_MAX_FUTURE_SKEW";

  /** The most samples a restart replays into the series windows (the newest are kept). */
  public static final String REPLAY_MAX_SAMPLES = "RULES_REPLAY_MAX_SAMPLES";

  /**
   * A restart's replay fails when it reads nothing for this long (not after a fixed total time).
   */
  public static final String REPLAY_STALL_TIMEOUT = "RULES_REPLAY_STALL_TIMEOUT";

  /**
   * The largest rule file (or folder, as one document) accepted by {@code PUT /api/v1/rules}, at
   * start-up and on reload: larger is refused with a message naming this key, not failed at the
   * producer.
   */
  public static final String MAX_FILE_BYTES = "RULES_MAX_FILE_BYTES";

  /** Default: under the broker's default record limit (1 MiB) with room for the record framing. */
  static final int DEFAULT_MAX_FILE_BYTES = 1024 * 1024 - 64 * 1024;

  /** The longest rule expression accepted, in characters. */
  public static final String MAX_EXPR_LENGTH = "RULES_MAX_EXPR_LENGTH";

  /** How deep a rule expression may nest (parentheses, arguments, operands). */
  public static final String MAX_EXPR_DEPTH = "RULES_MAX_EXPR_DEPTH";

  /**
   * Bearer tokens with roles, {@code role:token,…}: when set, {@code PUT /api/v1/rules} needs an
   * {@code admin} token. Unset: no authentication.
   */
  public static final String AUTH_TOKENS = "RULES_AUTH_TOKENS";

  /**
   * Keep the series windows' float samples compressed (times against a sticky interval, XOR'd
   * values): about 2 B per sample instead of 16 on scraped data, for decoding each window a range
   * function reads. Off by default.
   */
  public static final String STORAGE_COMPRESSION = "RULES_STORAGE_COMPRESSION";

  /**
   * Evaluate a rule whose series split into independent groups ({@code rate(a) / rate(b)}, {@code
   * histogram_quantile(…, rate(…))}, {@code rate(x[5m]) < 0.1}, {@code sum by (job)}) only on the
   * groups that got samples; the other groups keep their latest elements, re-evaluated at every
   * tick and at least once per rule-group interval. On by default; false evaluates such a rule over
   * all its series at every sample instant.
   */
  public static final String GROUP_EVALUATION = "RULES_GROUP_EVALUATION";

  public RuleEngineConfig {
    groups = List.copyOf(groups);
  }

  public static RuleEngineConfig from(Settings s) {
    ParseLimits limits =
        new ParseLimits(
            s.intInRange(MAX_EXPR_LENGTH, ParseLimits.DEFAULT.maxLength(), 16, 16 * 1024 * 1024),
            s.intInRange(MAX_EXPR_DEPTH, ParseLimits.DEFAULT.maxDepth(), 4, 10_000));
    Optional<Path> rules = s.existingPath(RULES_FILE);
    return new RuleEngineConfig(
        s.port(HTTP_PORT, 8081),
        rules,
        rules.map(p -> loadRules(p, limits)).orElse(List.of()),
        positive(s, TICK_INTERVAL, s.duration(TICK_INTERVAL, Duration.ofSeconds(1))),
        url(s.string(EXTERNAL_URL, AlertContext.DEFAULT_EXTERNAL_URL)),
        labels(s.string(EXTERNAL_LABELS, "")),
        positive(s, RELOAD_INTERVAL, s.duration(RELOAD_INTERVAL, Duration.ofSeconds(5))),
        s.intInRange(MAX_SERIES_PER_RULE, 100_000, 1, Integer.MAX_VALUE),
        s.kafka(),
        s.string(TRANSACTIONAL_ID, "rule-engine"),
        atLeastOneSecond(
            s, LEADER_SESSION_TIMEOUT, s.duration(LEADER_SESSION_TIMEOUT, Duration.ofSeconds(6))),
        s.optional(INSTANCE_ID).or(() -> Optional.ofNullable(s.kafka().groupInstanceId())),
        nonNegative(s, MAX_FUTURE_SKEW, s.duration(MAX_FUTURE_SKEW, Duration.ofMinutes(1))),
        s.intInRange(REPLAY_MAX_SAMPLES, 5_000_000, 1, Integer.MAX_VALUE),
        positive(s, REPLAY_STALL_TIMEOUT, s.duration(REPLAY_STALL_TIMEOUT, Duration.ofSeconds(60))),
        s.intInRange(MAX_FILE_BYTES, DEFAULT_MAX_FILE_BYTES, 1024, 64 * 1024 * 1024),
        limits,
        tokens(s),
        s.bool(STORAGE_COMPRESSION, false),
        s.bool(GROUP_EVALUATION, true));
  }

  /** The shared settings of every alert: external labels and URL. */
  public AlertContext alertContext() {
    return new AlertContext(externalLabels, externalUrl);
  }

  /** The consumer group whose member holding {@code rules.leader} is the active instance. */
  public String leaderGroup() {
    return transactionalId + "-leader";
  }

  /** How the core runs: the series cap per rule, sample compression, group evaluation. */
  public EngineOptions engineOptions() {
    return new EngineOptions(false, maxSeriesPerRule, true, storageCompression, groupEvaluation);
  }

  /** A rule-file loader with the default expression limits (tools and tests). */
  public static RuleFileLoader ruleLoader() {
    return ruleLoader(ParseLimits.DEFAULT);
  }

  /** The rule-file loader for start-up, the API and reloads, with this config's limits. */
  public RuleFileLoader loader() {
    return ruleLoader(exprLimits);
  }

  private static RuleFileLoader ruleLoader(ParseLimits limits) {
    // The one place the expression language is chosen.
    return new RuleFileLoader(new PromQLParser(limits));
  }

  private static List<RuleGroup> loadRules(Path path, ParseLimits limits) {
    try {
      return ruleLoader(limits).load(path);
    } catch (RuleFileException e) {
      throw new ConfigException(RULES_FILE, e.getMessage());
    }
  }

  private static AccessTokens tokens(Settings s) {
    return AccessTokens.from(s, AUTH_TOKENS);
  }

  private static Duration nonNegative(Settings s, String key, Duration d) {
    if (d.isNegative()) {
      throw new ConfigException(key, "must not be negative");
    }
    return d;
  }

  private static Duration atLeastOneSecond(Settings s, String key, Duration d) {
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new ConfigException(key, "must be at least 1s");
    }
    return d;
  }

  private static Duration positive(Settings s, String key, Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(key, "must be positive");
    }
    return d;
  }

  private static String url(String value) {
    try {
      URI u = new URI(value);
      if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
        throw new ConfigException(
            EXTERNAL_URL, "'" + value + "' is not an http(s) URL with a host");
      }
      return value;
    } catch (URISyntaxException e) {
      throw new ConfigException(EXTERNAL_URL, "'" + value + "' is not a URL: " + e.getReason());
    }
  }

  static Labels labels(String value) {
    Map<String, String> m = new TreeMap<>();
    for (String part : value.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? part.trim() : part.substring(0, eq).trim();
      if (eq < 0 || !Labels.isValidLabelName(name) || name.equals(Labels.METRIC_NAME)) {
        throw new ConfigException(
            EXTERNAL_LABELS, "'" + part.trim() + "' is not name=value with a valid label name");
      }
      m.put(name, part.substring(eq + 1).trim());
    }
    return Labels.of(m);
  }
}
