package dev.alerting.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.platform.config.ConfigException;
import dev.alerting.platform.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Console configuration")
class ConsoleConfigTest {
  @Test
  @DisplayName("defaults: port 8084 and the services on their default local ports")
  void defaults() {
    ConsoleConfig c = ConsoleConfig.from(Settings.of(Map.of()));
    assertThat(c.httpPort()).isEqualTo(8084);
    assertThat(c.upstreams().get("incidents")).hasToString("http://localhost:8083");
    assertThat(c.upstreams().get("rules")).hasToString("http://localhost:8081");
  }

  @ParameterizedTest(name = "{0}={1} is refused naming the key")
  @DisplayName("a bad value stops start-up naming the key")
  @CsvSource({
    "CONSOLE_NOTIFIER_URL, ftp://x",
    "CONSOLE_NOTIFIER_URL, localhost:8082",
    "CONSOLE_RULES_URL, 'http://a b'",
    "CONSOLE_INCIDENTS_URL, http://x/?q=1",
    "CONSOLE_PORT, 70000",
    "CONSOLE_UPSTREAM_TIMEOUT, 0s",
  })
  void refused(String key, String value) {
    assertThatThrownBy(() -> ConsoleConfig.from(Settings.of(Map.of(key, value))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key);
  }
}
