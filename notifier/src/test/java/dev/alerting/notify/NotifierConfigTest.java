package dev.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.platform.config.ConfigException;
import dev.alerting.platform.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Notifier configuration")
class NotifierConfigTest {
  @Test
  @DisplayName(
      "defaults: port 8082, built-in log route, 10s timeout, 500ms..30s backoff, 10 attempts")
  void defaults() {
    NotifierConfig c = NotifierConfig.from(Settings.of(Map.of()));
    assertThat(c.httpPort()).isEqualTo(8082);
    assertThat(c.configPath()).isEmpty();
    assertThat(c.alertmanager().route().receiver()).isEqualTo("log");
    assertThat(c.httpTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.retry().maxAttempts()).isEqualTo(10);
    assertThat(c.externalUrl()).isEqualTo("http://localhost:8082");
    assertThat(c.authTokens().enabled()).isFalse();
  }

  @Test
  @DisplayName("NOTIFIER_CONFIG loads the seed Alertmanager file")
  void loadsFile() throws Exception {
    Path seed = Path.of(getClass().getResource("/seed-alertmanager.yml").toURI());
    NotifierConfig c = NotifierConfig.from(Settings.of(Map.of("NOTIFIER_CONFIG", seed.toString())));
    assertThat(c.alertmanager().receivers()).hasSize(7);
  }

  @Test
  @DisplayName("a bad routing file names NOTIFIER_CONFIG, the file and the key path")
  void badFile(@TempDir Path dir) throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("am.yml"), "route: {receiver: nobody}\nreceivers: [{name: r}]\n");
    assertThatThrownBy(
            () -> NotifierConfig.from(Settings.of(Map.of("NOTIFIER_CONFIG", f.toString()))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("NOTIFIER_CONFIG")
        .hasMessageContaining(f.toString())
        .hasMessageContaining("route.receiver: route route references unknown receiver 'nobody'");
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("NOTIFIER_HTTP_PORT", "70000"),
        Arguments.of("NOTIFIER_CONFIG", "/does/not/exist.yml"),
        Arguments.of("NOTIFIER_HTTP_TIMEOUT", "0s"),
        Arguments.of("NOTIFIER_RETRY_INITIAL_BACKOFF", "soon"),
        Arguments.of("NOTIFIER_RETRY_MAX_BACKOFF", "100ms"),
        Arguments.of("NOTIFIER_RETRY_MAX_ATTEMPTS", "0"),
        Arguments.of("NOTIFIER_EXTERNAL_URL", "notifier:8082"),
        Arguments.of("NOTIFIER_AUTH_TOKENS", "write:short"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badValues")
  @DisplayName("a bad value stops start-up with a message naming the key")
  void rejects(String key, String value) {
    assertThatThrownBy(() -> NotifierConfig.from(Settings.of(Map.of(key, value))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key);
  }
}
