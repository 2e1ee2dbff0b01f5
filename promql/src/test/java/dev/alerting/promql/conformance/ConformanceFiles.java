package dev.alerting.promql.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.alerting.model.Durations;
import dev.alerting.promql.notation.SeriesNotation;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the promtool-format conformance files from the test classpath. */
final class ConformanceFiles {
  /**
   * First-line marker for files whose expectations are Prometheus 3 behaviour that promtool 2.42
   * does not share.
   */
  static final String PROMTOOL_SKIP_MARKER = "# promtool: skip";

  private ConformanceFiles() {}

  static Path directory() {
    try {
      return Path.of(ConformanceFiles.class.getResource("/conformance").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(directory())) {
      return s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
    }
  }

  static boolean skippedByPromtool(Path file) throws IOException {
    return Files.readString(file).startsWith(PROMTOOL_SKIP_MARKER);
  }

  static List<ConformanceCase> cases(Path file) throws IOException {
    // Jackson cannot read YAML's .inf/.nan floats (promtool's spelling), so quote them for our own
    // parser.
    String text =
        Files.readString(file).replaceAll("(?m)(value:\\s*)([+-]?\\.(?:inf|nan))\\s*$", "$1'$2'");
    JsonNode root = new YAMLMapper().readTree(text);
    String defaultInterval = root.path("evaluation_interval").asText("1m");
    List<ConformanceCase> out = new ArrayList<>();
    int group = 0;
    for (JsonNode test : root.path("tests")) {
      long interval = Durations.parse(test.path("interval").asText(defaultInterval)).toMillis();
      List<ConformanceCase.Input> inputs = new ArrayList<>();
      for (JsonNode in : test.path("input_series")) {
        inputs.add(
            new ConformanceCase.Input(
                SeriesNotation.parseLabels(in.path("series").asText()),
                SeriesNotation.parseValues(in.path("values").asText())));
      }
      for (JsonNode t : test.path("promql_expr_test")) {
        List<ConformanceCase.Expected> expected = new ArrayList<>();
        for (JsonNode s : t.path("exp_samples")) {
          expected.add(
              new ConformanceCase.Expected(
                  SeriesNotation.parseLabels(s.path("labels").asText("")),
                  value(s.path("value").asText())));
        }
        out.add(
            new ConformanceCase(
                file.getFileName().toString(),
                group,
                t.path("expr").asText(),
                Durations.parse(t.path("eval_time").asText("0s")).toMillis(),
                interval,
                inputs,
                expected));
      }
      group++;
    }
    return out;
  }

  /** Go's ParseFloat spellings promtool accepts in exp_samples. */
  private static double value(String s) {
    return switch (s.trim().toLowerCase()) {
      case "nan", ".nan" -> Double.NaN;
      case "inf", "+inf", ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
      case "-inf", "-.inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }
}
