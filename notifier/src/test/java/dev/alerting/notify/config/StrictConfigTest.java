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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NOTIFIER_CONFIG_STRICT: unknown fields are errors, as Alertmanager's strict YAML reading makes
 * them. Where amtool is installed, each file is also checked with {@code amtool check-config}, and
 * strict loading must agree with it (amtool 0.25 answers "field grup_by not found in type
 * config.plain" for the route typo, and passes the valid files).
 */
@DisplayName("Strict configuration loading")
class StrictConfigTest {
  static Stream<Arguments> files() {
    return Stream.of(
        Arguments.of("the shipped deploy/alertmanager.yml", null, true),
        Arguments.of(
            "a typo in a route",
            "route: {receiver: r, grup_by: [a]}\nreceivers: [{name: r}]\n",
            false),
        Arguments.of(
            "a typo in a webhook config",
            "route: {receiver: r}\n"
                + "receivers: [{name: r, webhook_configs: [{url: 'http://x/', send_resolve: true}]}]\n",
            false),
        Arguments.of(
            "time intervals and a muted route",
            "time_intervals: [{name: n, time_intervals: [{weekdays: [saturday], location: Europe/Berlin}]}]\n"
                + "route: {receiver: r, routes: [{receiver: r, mute_time_intervals: [n]}]}\n"
                + "receivers: [{name: r}]\n",
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  @DisplayName(
      "strict loading accepts what amtool check-config accepts, and rejects what it rejects")
  void agreesWithAmtool(String name, String yaml, boolean valid, @TempDir Path dir)
      throws Exception {
    Path file =
        yaml == null
            ? Path.of("../deploy/alertmanager.yml")
            : Files.writeString(dir.resolve("am.yml"), yaml);
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
    assertThat(p.exitValue() == 0).as("amtool check-config accepts %s", name).isEqualTo(valid);
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
