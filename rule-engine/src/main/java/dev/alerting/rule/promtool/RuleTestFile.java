package dev.alerting.rule.promtool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.model.Durations;
import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.Sample;
import dev.alerting.promql.notation.SeriesNotation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code promtool test rules} file: rule files (relative to the test file), the evaluation
 * interval, the group order and the test groups. Unknown keys are rejected, as promtool does.
 */
record RuleTestFile(
    List<Path> ruleFiles,
    Duration evaluationInterval,
    List<String> groupEvalOrder,
    List<TestGroup> tests) {

  /**
   * One entry of {@code tests}: input series at {@code interval} steps from 0 and what to expect.
   */
  record TestGroup(
      String name,
      Duration interval,
      List<Sample> input,
      Labels externalLabels,
      String externalUrl,
      List<AlertTest> alertTests,
      List<ExprTest> exprTests) {

    /** The last instant anything is checked: promtool evaluates the rules up to it. */
    long maxEvalMillis() {
      long max = 0;
      for (AlertTest a : alertTests) {
        max = Math.max(max, a.evalTime().toMillis());
      }
      for (ExprTest e : exprTests) {
        max = Math.max(max, e.evalTime().toMillis());
      }
      return max;
    }
  }

  /** {@code alert_rule_test}: the firing alerts of {@code alertname} at {@code evalTime}. */
  record AlertTest(Duration evalTime, String alertname, List<ExpectedAlert> expected) {}

  /** One of {@code exp_alerts}; {@code alertname} is added to the labels by the runner. */
  record ExpectedAlert(Map<String, String> labels, Map<String, String> annotations) {}

  /** {@code promql_expr_test}: the result of {@code expr} at {@code evalTime}. */
  record ExprTest(String expr, Duration evalTime, List<ExpectedSample> expected) {}

  /**
   * One of {@code exp_samples}: a series in promtool notation and its value, or its native
   * histogram ({@code histogram: '{{schema:0 count:2 …}}'}, promtool 3) (its value is then 0 and
   * unused).
   */
  record ExpectedSample(String labels, double value, FloatHistogram histogram) {}

  static RuleTestFile read(Path file) throws IOException {
    JsonNode root = PromtoolYaml.read(Files.readString(file));
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("expected a map with rule_files and tests");
    }
    known(root, "rule_files", "evaluation_interval", "group_eval_order", "tests");
    Path dir = file.toAbsolutePath().getParent();
    List<Path> rules = new ArrayList<>();
    root.path("rule_files").forEach(n -> rules.add(dir.resolve(n.asText())));
    Duration eval = duration(root.get("evaluation_interval"), Duration.ofMinutes(1));
    List<String> order = new ArrayList<>();
    root.path("group_eval_order").forEach(n -> order.add(n.asText()));
    List<TestGroup> tests = new ArrayList<>();
    for (JsonNode t : root.path("tests")) {
      tests.add(group(t, eval));
    }
    return new RuleTestFile(rules, eval, order, tests);
  }

  private static TestGroup group(JsonNode t, Duration evaluationInterval) {
    known(
        t,
        "name",
        "interval",
        "input_series",
        "alert_rule_test",
        "promql_expr_test",
        "external_labels",
        "external_url");
    Duration interval = duration(t.get("interval"), evaluationInterval);
    List<Sample> input = new ArrayList<>();
    for (JsonNode s : t.path("input_series")) {
      known(s, "series", "values");
      Labels labels = SeriesNotation.parseLabels(s.path("series").asText());
      for (SeriesNotation.Step step : SeriesNotation.parseValues(s.path("values").asText())) {
        long at = step.index() * interval.toMillis();
        input.add(
            step.isHistogram()
                ? Sample.histogram(labels, step.histogram(), at)
                : new Sample(labels, step.value(), at));
      }
    }
    List<AlertTest> alerts = new ArrayList<>();
    for (JsonNode a : t.path("alert_rule_test")) {
      known(a, "eval_time", "alertname", "exp_alerts");
      List<ExpectedAlert> exp = new ArrayList<>();
      for (JsonNode e : a.path("exp_alerts")) {
        known(e, "exp_labels", "exp_annotations");
        exp.add(new ExpectedAlert(strings(e.get("exp_labels")), strings(e.get("exp_annotations"))));
      }
      alerts.add(
          new AlertTest(
              duration(a.get("eval_time"), Duration.ZERO), a.path("alertname").asText(), exp));
    }
    List<ExprTest> exprs = new ArrayList<>();
    for (JsonNode e : t.path("promql_expr_test")) {
      known(e, "expr", "eval_time", "exp_samples");
      List<ExpectedSample> exp = new ArrayList<>();
      for (JsonNode s : e.path("exp_samples")) {
        known(s, "labels", "value", "histogram");
        exp.add(
            s.has("histogram")
                ? new ExpectedSample(
                    s.path("labels").asText(""), 0, histogram(s.path("histogram").asText()))
                : new ExpectedSample(s.path("labels").asText(""), value(s.get("value")), null));
      }
      exprs.add(
          new ExprTest(e.path("expr").asText(), duration(e.get("eval_time"), Duration.ZERO), exp));
    }
    return new TestGroup(
        t.path("name").asText(""),
        interval,
        input,
        Labels.of(strings(t.get("external_labels"))),
        t.path("external_url").asText(null),
        alerts,
        exprs);
  }

  /** A histogram in the series notation, e.g. {@code {{schema:0 count:2 sum:3 buckets:[1 1]}}}. */
  private static FloatHistogram histogram(String text) {
    List<SeriesNotation.Step> steps = SeriesNotation.parseValues(text);
    if (steps.size() != 1 || !steps.get(0).isHistogram()) {
      throw new IllegalArgumentException("histogram: not one native histogram: " + text);
    }
    return steps.get(0).histogram();
  }

  private static double value(JsonNode n) {
    if (n == null || n.isNull()) {
      return 0;
    }
    if (n.isNumber()) {
      return n.asDouble();
    }
    String s = n.asText().trim().toLowerCase(java.util.Locale.ROOT);
    return switch (s) {
      case "nan" -> Double.NaN;
      case "inf", "+inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  private static Duration duration(JsonNode n, Duration def) {
    return n == null || n.isNull() ? def : Durations.parse(n.asText());
  }

  private static Map<String, String> strings(JsonNode n) {
    Map<String, String> out = new TreeMap<>();
    if (n != null) {
      n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  private static void known(JsonNode n, String... keys) {
    List<String> allowed = List.of(keys);
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException(
            "unknown field '" + k + "' (known: " + String.join(", ", allowed) + ")");
      }
    }
  }
}
