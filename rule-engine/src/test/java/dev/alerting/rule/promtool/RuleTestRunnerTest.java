package dev.alerting.rule.promtool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("promtool rule unit tests run by our engine")
class RuleTestRunnerTest {

  static Path dir() {
    try {
      return Path.of(RuleTestRunnerTest.class.getResource("/promtool").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Every *.test.yml under src/test/resources/promtool: the same files promtool passes
   * (PromtoolConformanceTest).
   */
  static Stream<String> files() throws Exception {
    try (Stream<Path> s = Files.list(dir())) {
      return s
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".test.yml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0} passes")
  @MethodSource("files")
  @DisplayName("each test file that promtool passes passes with our engine too")
  void passes(String file) {
    RuleTestRunner.Result r = new RuleTestRunner().run(dir().resolve(file));
    assertThat(r.failures()).as(file).isEmpty();
  }

  @Test
  @DisplayName("the seed suite drives all 15 seed alerts")
  void seedSuiteCoversEverySeedAlert() throws Exception {
    RuleTestFile f = RuleTestFile.read(dir().resolve("seed-rules.test.yml"));
    assertThat(
            f.tests().stream()
                .flatMap(t -> t.alertTests().stream())
                .map(RuleTestFile.AlertTest::alertname)
                .distinct())
        .hasSize(15);
  }

  @Test
  @DisplayName(
      "a wrong expectation fails with exit code 1 and a diff naming the alert, time, expected and got")
  void failureIsReadable(@TempDir Path tmp) throws Exception {
    Files.copy(dir().resolve("seed-rules.yml"), tmp.resolve("seed-rules.yml"));
    Path test =
        Files.writeString(
            tmp.resolve("bad.test.yml"),
            """
        rule_files: [seed-rules.yml]
        tests:
          - interval: 1m
            input_series:
              - series: 'database_connections_active{database="users"}'
                values: '90x10'
            alert_rule_test:
              - eval_time: 5m
                alertname: DatabaseConnectionsHigh
                exp_alerts: []
            promql_expr_test:
              - expr: database_connections_active
                eval_time: 1m
                exp_samples:
                  - labels: 'database_connections_active{database="users"}'
                    value: 80
        """);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code =
        RuleTestMain.run(
            List.of(test.toString()), new PrintStream(out, true, StandardCharsets.UTF_8));

    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(1);
    assertThat(text)
        .contains("FAILED:")
        .contains("alertname: DatabaseConnectionsHigh, time: 5m")
        .contains(
            "got: [\n            0: labels: {alertname=\"DatabaseConnectionsHigh\", database=\"users\"")
        .contains("expr: \"database_connections_active\", time: 1m")
        .contains("exp: [\n            0: database_connections_active{database=\"users\"} 80.0");
  }

  @Test
  @DisplayName(
      "a .nan expectation loads and, as in promtool 2.42, never matches: both sides print NaN")
  void nanExpectationLoadsAndFailsAsPromtoolDoes(@TempDir Path tmp) throws Exception {
    Files.copy(dir().resolve("special-floats.yml"), tmp.resolve("special-floats.yml"));
    Path test =
        Files.writeString(
            tmp.resolve("nan.test.yml"),
            """
        rule_files: [special-floats.yml]
        tests:
          - interval: 1m
            input_series:
              - series: 'errors_total{job="idle"}'
                values: '0x5'
              - series: 'requests_total{job="idle"}'
                values: '0x5'
            promql_expr_test:
              - expr: job:error_ratio
                eval_time: 2m
                exp_samples:
                  - labels: 'job:error_ratio{job="idle"}'
                    value: .nan
        """);
    RuleTestFile file = RuleTestFile.read(test);
    assertThat(file.tests().get(0).exprTests().get(0).expected().get(0).value()).isNaN();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        RuleTestMain.run(
            List.of(test.toString()), new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("exp: [\n            0: job:error_ratio{job=\"idle\"} NaN")
        .contains("got: [\n            0: job:error_ratio{job=\"idle\"} NaN");
  }

  @Test
  @DisplayName("YAML's .inf, +.inf and -.inf are read as infinities")
  void infinitiesLoad() throws Exception {
    RuleTestFile file = RuleTestFile.read(dir().resolve("special-floats.test.yml"));
    assertThat(file.tests().get(0).exprTests())
        .extracting(e -> e.expected().get(0).value())
        .containsExactly(
            Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY);
  }
}
