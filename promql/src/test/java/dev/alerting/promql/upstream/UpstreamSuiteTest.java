package dev.alerting.promql.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs Prometheus's own promqltest files through our engine and holds the pass count of each file
 * at or above the committed baseline (a ratchet: raise the baseline when a file passes more).
 */
@DisplayName("Prometheus's own PromQL test files")
class UpstreamSuiteTest {

  @Test
  @DisplayName("pass at least the committed baseline's evals in every file")
  void noFilePassesFewerEvalsThanItsBaseline() throws Exception {
    Path dir = UpstreamFiles.directory();
    String missing =
        "upstream PromQL test files not found at "
            + dir
            + " (expected ../shared/promql-upstream beside the repository, or -D"
            + UpstreamFiles.DIR_PROPERTY
            + "=DIR); the upstream conformance run is skipped";
    if (!Files.isDirectory(dir)) {
      System.out.println("[promql-upstream] " + missing);
    }
    assumeTrue(Files.isDirectory(dir), missing);
    Map<String, Integer> baseline = UpstreamFiles.baseline();
    List<FileTally> tallies = new ArrayList<>();
    for (Path file : UpstreamFiles.testFiles(dir)) {
      TestScript script = TestScript.parse(Files.readString(file));
      tallies.add(FileTally.of(file.getFileName().toString(), ScriptRunner.run(script)));
    }
    String table = UpstreamReport.table(tallies, baseline);
    System.out.print(table);
    UpstreamReport.write(tallies, table);

    List<String> drops = new ArrayList<>();
    for (FileTally t : tallies) {
      int floor = baseline.getOrDefault(t.file(), 0);
      if (t.passed() < floor) {
        drops.add(t.file() + ": " + t.passed() + " passed, baseline " + floor);
      } else if (t.passed() > floor) {
        System.out.printf(
            "[promql-upstream] %s passes %d > baseline %d: raise it in" + " src/test/resources%s%n",
            t.file(), t.passed(), floor, UpstreamFiles.BASELINE);
      }
    }
    assertThat(tallies).as("upstream test files in %s", dir).isNotEmpty();
    assertThat(drops)
        .as("files passing fewer upstream evals than the baseline (see target/promql-upstream/)")
        .isEmpty();
  }
}
