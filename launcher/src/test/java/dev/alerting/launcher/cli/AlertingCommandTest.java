package dev.alerting.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.platform.config.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The command line of {@code ./alerting}: what each argument list prints and exits with. */
class AlertingCommandTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new AlertingCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("--help lists every command", new String[] {"--help"}, 0, "up", "test-rules"),
        Arguments.of("-h is --help", new String[] {"-h"}, 0, "Usage: alerting", "bench"),
        Arguments.of(
            "--version names the version", new String[] {"--version"}, 0, "alerting 0.1.0", ""),
        Arguments.of(
            "up --help prints up's options (and starts nothing)",
            new String[] {"up", "--help"},
            0,
            "--rules=PATH",
            "--kafka-port"),
        Arguments.of(
            "test-rules --help prints its usage",
            new String[] {"test-rules", "--help"},
            0,
            "FILE...",
            "promtool"),
        Arguments.of(
            "help up is up --help",
            new String[] {"help", "up"},
            0,
            "--data-dir",
            "ALERTING_DATA_DIR"),
        Arguments.of(
            "an unknown option is an error naming it",
            new String[] {"up", "--bogus"},
            2,
            "Unknown option: '--bogus'",
            "Usage: alerting up"),
        Arguments.of(
            "an unknown command is an error naming it",
            new String[] {"frobnicate"},
            2,
            "Unmatched argument",
            "'frobnicate'"),
        Arguments.of(
            "test-rules without files is an error",
            new String[] {"test-rules"},
            2,
            "Missing required parameter",
            "FILE"),
        Arguments.of(
            "no command at all is an error with the usage",
            new String[] {},
            2,
            "name a command",
            "Usage: alerting"),
        Arguments.of(
            "a non-numeric port is an error naming the option",
            new String[] {"up", "--kafka-port", "x"},
            2,
            "--kafka-port",
            "'x'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("each argument list prints what a user expects and exits with the right code")
  void commandLine(String name, String[] args, int code, String expect1, String expect2) {
    Run r = run(args);
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(code);
    assertThat(r.out() + r.err()).contains(expect1, expect2);
  }

  @Test
  @DisplayName(
      "relative paths from options and environment are resolved against the caller's directory")
  void relativePaths() {
    UpCommand up = new UpCommand();
    up.paths = new CallerPaths(Path.of("/home/me/project"));
    new CommandLine(up).parseArgs("--rules", "rules/", "--config", "/etc/am.yml");
    Settings s =
        up.settings(Settings.of(Map.of("ALERTING_DATA_DIR", "data", "RULES_FILE", "../r.yml")));
    assertThat(s.optional("ALERTING_RULES")).contains("/home/me/project/rules");
    assertThat(s.optional("ALERTING_CONFIG")).contains("/etc/am.yml");
    assertThat(s.optional("ALERTING_DATA_DIR")).contains("/home/me/project/data");
    assertThat(s.optional("RULES_FILE")).contains("/home/me/r.yml");
    assertThat(s.optional("NOTIFIER_CONFIG")).isEmpty();
  }

  @Test
  @DisplayName(
      "test-rules runs the caller's relative file and fails with exit 1 when it does not exist")
  void testRulesResolvesAgainstCaller() {
    Run r = run("test-rules", "does-not-exist.test.yml");
    assertThat(r.code()).isEqualTo(1);
  }
}
