package dev.alerting.rule.promtool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the real {@code promtool test rules} over our rule unit-test files, so their expectations
 * are Prometheus's and not ours. Skipped where promtool is not on the PATH.
 */
@DisplayName("the rule unit-test files pass with the real promtool")
class PromtoolConformanceTest {
  private static final Pattern NATIVE_HISTOGRAM_INPUT = Pattern.compile("values:.*\\{\\{");

  static Stream<String> files() throws Exception {
    return RuleTestRunnerTest.files();
  }

  @ParameterizedTest(name = "promtool passes {0}")
  @MethodSource("files")
  @DisplayName("promtool test rules exits 0 for each file")
  void promtoolPasses(String file) throws Exception {
    Path promtool = promtool();
    assumeTrue(promtool != null, "promtool is not on the PATH");
    // Debian's promtool 2.42 cannot read native histogram input series ({{schema:0 ...}}, parse
    // error "unexpected character in series sequence"); Prometheus 3's promtool can.
    String text = Files.readString(RuleTestRunnerTest.dir().resolve(file));
    assumeTrue(
        !NATIVE_HISTOGRAM_INPUT.matcher(text).find(),
        "promtool 2.42 predates the native histogram series notation");
    Process p =
        new ProcessBuilder(promtool.toString(), "test", "rules", file)
            .directory(RuleTestRunnerTest.dir().toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("SUCCESS");
  }

  private static Path promtool() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
