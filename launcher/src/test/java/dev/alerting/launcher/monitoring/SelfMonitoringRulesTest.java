package dev.alerting.launcher.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.platform.codec.Json;
import dev.alerting.rule.promtool.RuleTestMain;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alerts about the suite itself: unit-tested by our engine and by the real promtool. */
class SelfMonitoringRulesTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path TESTS = REPO.resolve("deploy/monitoring/alerts.test.yml");

  @Test
  @DisplayName("the self-monitoring rule tests pass through ./alerting test-rules (our engine)")
  void ourEnginePasses() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        RuleTestMain.run(
            List.of(TESTS.toString()), new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("SUCCESS");
  }

  @Test
  @DisplayName("the self-monitoring rule tests pass through the real promtool test rules")
  void promtoolPasses() throws Exception {
    Path promtool = promtool();
    assumeTrue(promtool != null, "promtool is not on the PATH");
    Process p =
        new ProcessBuilder(promtool.toString(), "test", "rules", TESTS.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }

  @Test
  @DisplayName("every self-monitoring alert links a runbook that exists and has the four sections")
  void runbooksExist() throws Exception {
    JsonNode rules =
        Json.YAML.readTree(REPO.resolve("deploy/monitoring/alerts.yml").toFile()).path("groups");
    int count = 0;
    for (JsonNode group : rules) {
      for (JsonNode rule : group.path("rules")) {
        String url = rule.path("annotations").path("runbook_url").asText();
        assertThat(url).as(rule.path("alert").asText()).startsWith("docs/runbooks/");
        Path runbook = REPO.resolve(url);
        assertThat(runbook).exists();
        assertThat(Files.readString(runbook))
            .contains("**Symptom.**", "**Impact.**", "**Diagnose.**", "**Fix.**");
        count++;
      }
    }
    assertThat(count).isEqualTo(7);
  }

  @Test
  @DisplayName(
      "every dashboard panel's expression parses in the real promtool (as a recording rule)")
  void panelsParseInPromtool(@TempDir Path dir) throws Exception {
    Path promtool = promtool();
    assumeTrue(promtool != null, "promtool is not on the PATH");
    StringBuilder rules = new StringBuilder("groups:\n  - name: panels\n    rules:\n");
    int n = 0;
    try (Stream<Path> files = Files.list(REPO.resolve("deploy/monitoring/grafana/dashboards"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        for (JsonNode panel : Json.MAPPER.readTree(f.toFile()).path("panels")) {
          for (JsonNode t : panel.path("targets")) {
            rules
                .append("      - record: panel_")
                .append(++n)
                .append("\n        expr: ")
                .append(Json.MAPPER.writeValueAsString(t.path("expr").asText()))
                .append('\n');
          }
        }
      }
    }
    Path file = Files.writeString(dir.resolve("panels.yml"), rules);
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "rules", file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("SUCCESS: " + n + " rules found");
  }

  private static Path promtool() {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(d -> Path.of(d, "promtool"))
        .filter(Files::isExecutable)
        .findFirst()
        .orElse(null);
  }
}
