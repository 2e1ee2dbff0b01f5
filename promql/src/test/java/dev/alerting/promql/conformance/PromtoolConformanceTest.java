package dev.alerting.promql.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the expectations themselves against the real Prometheus: runs {@code promtool test rules}
 * over every conformance file not marked as Prometheus-3-only. Skipped when promtool is not on
 * PATH.
 */
@DisplayName("The conformance suite, checked by the real promtool")
class PromtoolConformanceTest {

  @TestFactory
  @DisplayName("passes promtool test rules for every file")
  List<DynamicTest> everyFile() throws Exception {
    Optional<Path> promtool = onPath("promtool");
    assumeTrue(promtool.isPresent(), "promtool is not on PATH");
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : ConformanceFiles.files()) {
      if (!ConformanceFiles.skippedByPromtool(file)) {
        tests.add(
            DynamicTest.dynamicTest(
                file.getFileName().toString(), () -> run(promtool.get(), file)));
      }
    }
    return tests;
  }

  private static void run(Path promtool, Path file) throws Exception {
    Path log = Files.createTempFile("promtool", ".log");
    Process p =
        new ProcessBuilder(promtool.toString(), "test", "rules", file.getFileName().toString())
            .directory(file.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean done = p.waitFor(2, TimeUnit.MINUTES);
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    assertThat(done).as("promtool finished").isTrue();
    assertThat(p.exitValue())
        .as("promtool test rules %s:%n%s", file.getFileName(), output)
        .isZero();
  }

  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
