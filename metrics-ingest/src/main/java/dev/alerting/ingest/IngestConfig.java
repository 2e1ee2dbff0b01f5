package dev.alerting.ingest;

import dev.alerting.ingest.auth.BearerTokens;
import dev.alerting.ingest.push.SampleEncoding;
import dev.alerting.ingest.sample.SampleLimits;
import dev.alerting.platform.config.ConfigException;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.kafka.KafkaSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything metrics-ingest reads from its configuration, validated once at start-up.
 *
 * @param httpPort port of the HTTP API; 0 picks a free one
 * @param kafka broker address and topic layout
 * @param maxBodyBytes largest request body accepted (413 above)
 * @param limits per-request and per-sample bounds enforced by the validator
 * @param ackTimeout how long a request waits for Kafka to acknowledge all its records (503 after)
 * @param retryAfter the {@code Retry-After} a client is told on 429/503
 * @param maxInflightRequests push requests handled at once; more are answered 429
 * @param auth the bearer tokens push requests must carry; none means authentication is off
 * @param samplesEncoding the form of the records written to {@code metrics.samples}
 * @param kafkaCompression Kafka's batch compression for the records ingest writes
 */
public record IngestConfig(
    int httpPort,
    KafkaSettings kafka,
    long maxBodyBytes,
    SampleLimits limits,
    Duration ackTimeout,
    Duration retryAfter,
    int maxInflightRequests,
    BearerTokens auth,
    SampleEncoding samplesEncoding,
    String kafkaCompression) {

  /** Port of the HTTP API (default 8080). */
  public static final String HTTP_PORT = "INGEST_HTTP_PORT";

  /** Largest accepted body in bytes (default 10 MiB). */
  public static final String MAX_BODY_BYTES = "INGEST_MAX_BODY_BYTES";

  /** Largest number of samples in one request (default 10000). */
  public static final String MAX_SAMPLES = "INGEST_MAX_SAMPLES_PER_REQUEST";

  /** Largest number of labels on one sample, the name not counted (default 64). */
  public static final String MAX_LABELS = "INGEST_MAX_LABELS";

  /** Longest metric or label name in characters (default 256). */
  public static final String MAX_LABEL_NAME_LENGTH = "INGEST_MAX_LABEL_NAME_LENGTH";

  /** Longest label value in characters (default 2048). */
  public static final String MAX_LABEL_VALUE_LENGTH = "INGEST_MAX_LABEL_VALUE_LENGTH";

  /** How far in the future a sample timestamp may be (default 10m). */
  public static final String MAX_FUTURE_SKEW = "INGEST_MAX_FUTURE_SKEW";

  /** How old a sample timestamp may be (default 24h). */
  public static final String MAX_SAMPLE_AGE = "INGEST_MAX_SAMPLE_AGE";

  /** How long a request waits for Kafka's acknowledgement before answering 503 (default 10s). */
  public static final String ACK_TIMEOUT = "INGEST_ACK_TIMEOUT";

  /** The Retry-After on 429/503 answers (default 5s). */
  public static final String RETRY_AFTER = "INGEST_RETRY_AFTER";

  /** Push requests in progress at once before answering 429 (default 64). */
  public static final String MAX_INFLIGHT = "INGEST_MAX_INFLIGHT_REQUESTS";

  /** Comma-separated bearer tokens accepted on the push endpoints (default none: auth off). */
  public static final String AUTH_TOKENS = "INGEST_AUTH_TOKENS";

  /**
   * A file of bearer tokens, one per line, blank and # lines ignored; adds to INGEST_AUTH_TOKENS.
   */
  public static final String AUTH_TOKENS_FILE = "INGEST_AUTH_TOKENS_FILE";

  /** The form of {@code metrics.samples} records: protobuf (default) or json. */
  public static final String SAMPLES_ENCODING = "INGEST_SAMPLES_ENCODING";

  /**
   * Kafka's batch compression of the ingest producer: snappy (default), lz4, zstd, gzip or none.
   */
  public static final String KAFKA_COMPRESSION = "INGEST_KAFKA_COMPRESSION";

  /** The codecs Kafka's producer knows. */
  static final Set<String> COMPRESSIONS = Set.of("none", "gzip", "snappy", "lz4", "zstd");

  public IngestConfig {
    if (!COMPRESSIONS.contains(kafkaCompression)) {
      throw new ConfigException(
          KAFKA_COMPRESSION,
          "'" + kafkaCompression + "' is not one of none, gzip, snappy, lz4, zstd");
    }
    if (ackTimeout.isNegative() || ackTimeout.isZero()) {
      throw new ConfigException(ACK_TIMEOUT, "must be positive");
    }
    if (retryAfter.toSeconds() < 1) {
      throw new ConfigException(RETRY_AFTER, "must be at least 1s");
    }
  }

  public static IngestConfig from(Settings s) {
    Duration skew = s.duration(MAX_FUTURE_SKEW, Duration.ofMinutes(10));
    Duration age = s.duration(MAX_SAMPLE_AGE, Duration.ofHours(24));
    if (age.isZero()) {
      throw new ConfigException(MAX_SAMPLE_AGE, "must be positive");
    }
    SampleLimits limits =
        new SampleLimits(
            s.intInRange(MAX_SAMPLES, 10_000, 1, 1_000_000),
            s.intInRange(MAX_LABELS, 64, 0, 10_000),
            s.intInRange(MAX_LABEL_NAME_LENGTH, 256, 1, 1_000_000),
            s.intInRange(MAX_LABEL_VALUE_LENGTH, 2048, 1, 10_000_000),
            skew,
            age);
    return new IngestConfig(
        s.port(HTTP_PORT, 8080),
        s.kafka(),
        s.intInRange(MAX_BODY_BYTES, 10 * 1024 * 1024, 1, Integer.MAX_VALUE),
        limits,
        s.duration(ACK_TIMEOUT, Duration.ofSeconds(10)),
        s.duration(RETRY_AFTER, Duration.ofSeconds(5)),
        s.intInRange(MAX_INFLIGHT, 64, 1, 100_000),
        new BearerTokens(tokens(s)),
        SampleEncoding.parse(SAMPLES_ENCODING, s.string(SAMPLES_ENCODING, "protobuf")),
        s.string(KAFKA_COMPRESSION, "snappy").trim().toLowerCase(Locale.ROOT));
  }

  /**
   * The shared producer settings of {@code clientId} with the ingest's compression. Snappy by
   * default: Kafka's lz4 stream allocates two 64 KiB block buffers for every batch it opens, and
   * the ingest, which sends each push as soon as it is parsed ({@code linger.ms} 0), opens one
   * batch per partition per push: ~77 KB allocated per send against ~1.1 KB with snappy or none,
   * and ~40 % of all allocation of the embedded stack at 50 000 samples/s (docs/benchmarks.md,
   * "Issue 13, stop 23").
   */
  public Map<String, String> producerConfig(String clientId) {
    Map<String, String> config = kafka.producer(clientId);
    config.put("compression.type", kafkaCompression);
    return config;
  }

  private static Set<String> tokens(Settings s) {
    Set<String> tokens = new LinkedHashSet<>();
    for (String t : s.string(AUTH_TOKENS, "").split(",")) {
      addToken(tokens, t.trim(), AUTH_TOKENS);
    }
    Optional<Path> file = s.existingPath(AUTH_TOKENS_FILE);
    if (file.isPresent()) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file.get(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ConfigException(
            AUTH_TOKENS_FILE, "cannot read " + file.get() + ": " + e.getMessage());
      }
      int before = tokens.size();
      for (String line : lines) {
        String t = line.trim();
        if (!t.startsWith("#")) {
          addToken(tokens, t, AUTH_TOKENS_FILE);
        }
      }
      if (tokens.size() == before) {
        // an empty file would silently lock every client out
        throw new ConfigException(AUTH_TOKENS_FILE, file.get() + " holds no tokens");
      }
    }
    return tokens;
  }

  private static void addToken(Set<String> tokens, String token, String key) {
    if (token.isEmpty()) {
      return;
    }
    if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new ConfigException(
          key, "tokens must be printable ASCII without spaces (a token is not shown here)");
    }
    tokens.add(token);
  }
}
