package dev.alerting.notify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NOTIFIER_CONFIG_STRICT: unknown fields are errors, as Alertmanager's strict YAML reading makes
 * them. Where amtool is installed, each file is also checked with {@code amtool check-config}, and
 * strict loading must agree with it: the seed file has {@code email_configs.subject/body}, which
 * amtool 0.25 rejects ("field subject not found"); the deploy file passes.
 */
@DisplayName("Strict configuration loading")
class StrictConfigTest {
  static Stream<Arguments> files() {
    return Stream.of(
        Arguments.of(Path.of("../deploy/alertmanager.yml"), true),
        Arguments.of(Path.of("src/test/resources/seed-alertmanager.yml"), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  @DisplayName(
      "strict loading accepts what amtool check-config accepts, and rejects what it rejects")
  void agreesWithAmtool(Path file, boolean valid) throws Exception {
    assertThat(Files.exists(file)).isTrue();
    if (valid) {
      assertThat(ConfigLoader.load(file, true).route()).isNotNull();
    } else {
      assertThatThrownBy(() -> ConfigLoader.load(file, true))
          .isInstanceOf(ConfigError.class)
          .hasMessageContaining("NOTIFIER_CONFIG_STRICT");
      assertThat(ConfigLoader.load(file, false).warnings()).isNotEmpty();
    }
    assumeTrue(amtoolInstalled(), "amtool not installed: cross-check skipped");
    Process p =
        new ProcessBuilder("amtool", "check-config", file.toString())
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue() == 0).as("amtool check-config %s", file).isEqualTo(valid);
  }

  @Test
  @DisplayName("every unknown field is named, with its path")
  void namesFields() {
    String yaml =
        """
        route: {receiver: r, colour: blue}
        receivers: [{name: r}]
        inhibit_rules: [{equal: [a], severity: x}]
        """;
    assertThat(ConfigLoader.parse(yaml, false).warnings())
        .contains("route.colour: unknown key, ignored");
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, true))
        .isInstanceOf(ConfigError.class)
        .hasMessageContaining("route.colour")
        .hasMessageContaining("inhibit_rules[0].severity");
  }

  private static boolean amtoolInstalled() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, "amtool").canExecute()) {
        return true;
      }
    }
    return false;
  }
}
