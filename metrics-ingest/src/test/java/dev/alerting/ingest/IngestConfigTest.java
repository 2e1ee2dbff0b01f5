package dev.alerting.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.ingest.sample.SampleLimits;
import dev.alerting.platform.config.ConfigException;
import dev.alerting.platform.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IngestConfig")
class IngestConfigTest {

  @Test
  @DisplayName("uses the documented defaults when nothing is set")
  void defaults() {
    IngestConfig c = IngestConfig.from(Settings.of(Map.of()));
    assertThat(c.httpPort()).isEqualTo(8080);
    assertThat(c.maxBodyBytes()).isEqualTo(10 * 1024 * 1024);
    assertThat(c.limits())
        .isEqualTo(
            new SampleLimits(10_000, 64, 256, 2048, Duration.ofMinutes(10), Duration.ofHours(24)));
    assertThat(c.ackTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.maxInflightRequests()).isEqualTo(64);
    assertThat(c.kafkaCompression()).isEqualTo("snappy");
    assertThat(c.producerConfig("metrics-ingest")).containsEntry("compression.type", "snappy");
  }

  @Test
  @DisplayName(
      "INGEST_KAFKA_COMPRESSION picks the ingest producer's codec, other producers keep theirs")
  void kafkaCompression() {
    IngestConfig c = IngestConfig.from(Settings.of(Map.of("INGEST_KAFKA_COMPRESSION", " ZSTD ")));
    assertThat(c.producerConfig("metrics-ingest"))
        .containsEntry("compression.type", "zstd")
        .containsEntry("client.id", "metrics-ingest");
    assertThat(c.kafka().producer("other")).containsEntry("compression.type", "snappy");
    assertThat(
            IngestConfig.from(Settings.of(Map.of("INGEST_KAFKA_COMPRESSION", "none")))
                .producerConfig("x"))
        .containsEntry("compression.type", "none");
    assertThatThrownBy(
            () -> IngestConfig.from(Settings.of(Map.of("INGEST_KAFKA_COMPRESSION", "brotli"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("INGEST_KAFKA_COMPRESSION")
        .hasMessageContaining("brotli");
  }

  @Test
  @DisplayName("reads every key it documents")
  void overrides() {
    IngestConfig c =
        IngestConfig.from(
            Settings.of(
                Map.of(
                    "INGEST_HTTP_PORT", "0",
                    "INGEST_MAX_BODY_BYTES", "1000",
                    "INGEST_MAX_SAMPLES_PER_REQUEST", "10",
                    "INGEST_MAX_LABELS", "5",
                    "INGEST_MAX_LABEL_NAME_LENGTH", "30",
                    "INGEST_MAX_LABEL_VALUE_LENGTH", "40",
                    "INGEST_MAX_FUTURE_SKEW", "1m",
                    "INGEST_MAX_SAMPLE_AGE", "2h",
                    "INGEST_ACK_TIMEOUT", "3s",
                    "INGEST_RETRY_AFTER", "9s")));
    assertThat(c.httpPort()).isZero();
    assertThat(c.maxBodyBytes()).isEqualTo(1000);
    assertThat(c.limits())
        .isEqualTo(new SampleLimits(10, 5, 30, 40, Duration.ofMinutes(1), Duration.ofHours(2)));
    assertThat(c.ackTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.retryAfter()).isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  @DisplayName("names the key of a bad value")
  void badValueNamesKey() {
    assertThatThrownBy(
            () -> IngestConfig.from(Settings.of(Map.of("INGEST_MAX_SAMPLES_PER_REQUEST", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("INGEST_MAX_SAMPLES_PER_REQUEST");
    assertThatThrownBy(
            () -> IngestConfig.from(Settings.of(Map.of("INGEST_MAX_FUTURE_SKEW", "soon"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("INGEST_MAX_FUTURE_SKEW");
  }

  @Test
  @DisplayName(
      "auth is off by default and on with tokens from the list and the file; an empty file is refused")
  void authTokens(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    assertThat(IngestConfig.from(Settings.of(Map.of())).auth().enabled()).isFalse();
    java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("t"), "# c\nb\n");
    IngestConfig c =
        IngestConfig.from(
            Settings.of(
                Map.of("INGEST_AUTH_TOKENS", "a, ", "INGEST_AUTH_TOKENS_FILE", file.toString())));
    assertThat(c.auth().check("Bearer a"))
        .isEqualTo(dev.alerting.ingest.auth.BearerTokens.Verdict.ALLOWED);
    assertThat(c.auth().check("Bearer b"))
        .isEqualTo(dev.alerting.ingest.auth.BearerTokens.Verdict.ALLOWED);
    assertThat(c.auth().check("Bearer c"))
        .isEqualTo(dev.alerting.ingest.auth.BearerTokens.Verdict.WRONG);
    assertThat(c.auth().check(null))
        .isEqualTo(dev.alerting.ingest.auth.BearerTokens.Verdict.MISSING);
    java.nio.file.Path empty = java.nio.file.Files.writeString(dir.resolve("e"), "# none\n");
    assertThatThrownBy(
            () ->
                IngestConfig.from(Settings.of(Map.of("INGEST_AUTH_TOKENS_FILE", empty.toString()))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("INGEST_AUTH_TOKENS_FILE");
  }
}
