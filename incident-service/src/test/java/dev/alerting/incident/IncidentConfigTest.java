package dev.alerting.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.platform.config.ConfigException;
import dev.alerting.platform.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Incident service configuration")
class IncidentConfigTest {

  @Test
  @DisplayName("with nothing set it listens on 8083 and stores incidents in embedded H2")
  void defaults() {
    IncidentConfig c = IncidentConfig.from(Settings.of(Map.of()));

    assertThat(c.httpPort()).isEqualTo(8083);
    assertThat(c.consumerGroup()).isEqualTo("incident-service");
    assertThat(c.store().url())
        .startsWith("jdbc:h2:file:./.alerting/data/incidents;MODE=PostgreSQL");
    assertThat(c.store().user()).isEqualTo("postgres");
    assertThat(c.store().poolSize()).isEqualTo(4);
    assertThat(c.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.authTokens().enabled()).isFalse();
  }

  @Test
  @DisplayName("INCIDENT_DB_URL selects PostgreSQL with the given user and password")
  void postgres() {
    IncidentConfig c =
        IncidentConfig.from(
            Settings.of(
                Map.of(
                    "INCIDENT_DB_URL",
                    "jdbc:postgresql://127.0.0.1:5432/test",
                    "INCIDENT_DB_USER",
                    "incidents",
                    "INCIDENT_DB_PASSWORD",
                    "s3cret")));

    assertThat(c.store().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
    assertThat(c.store().user()).isEqualTo("incidents");
    assertThat(c.store().password()).isEqualTo("s3cret");
    assertThat(c.store().toString()).doesNotContain("s3cret");
  }

  @ParameterizedTest(name = "{0}={1} is rejected naming the key")
  @CsvSource({
    "INCIDENT_DB_URL, jdbc:mysql://db/incidents",
    "INCIDENT_HTTP_PORT, 70000",
    "INCIDENT_DB_POOL_SIZE, 0",
    "INCIDENT_RETRY_BACKOFF, soon",
    "INCIDENT_AUTH_TOKENS, root:0123456789abcdef0123"
  })
  @DisplayName("a bad value stops start-up with the key in the message")
  void badValues(String key, String value) {
    assertThatThrownBy(() -> IncidentConfig.from(Settings.of(Map.of(key, value))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key);
  }
}
