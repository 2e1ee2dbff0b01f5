package dev.alerting.rule.promtool;

import dev.alerting.model.Durations;
import dev.alerting.model.Labels;
import dev.alerting.promql.PromQL;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.histogram.HistogramText;
import dev.alerting.promql.notation.SeriesNotation;
import dev.alerting.rule.RuleEngineConfig;
import dev.alerting.rule.alert.ActiveAlert;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.alert.AlertState;
import dev.alerting.rule.alert.AlertingRuleState;
import dev.alerting.rule.engine.RecordingRuleState;
import dev.alerting.rule.engine.RuleEngine;
import dev.alerting.rule.file.RuleFileLoader;
import dev.alerting.rule.group.Rule;
import dev.alerting.rule.group.RuleGroup;
import dev.alerting.rule.promtool.RuleTestFile.AlertTest;
import dev.alerting.rule.promtool.RuleTestFile.ExpectedAlert;
import dev.alerting.rule.promtool.RuleTestFile.ExpectedSample;
import dev.alerting.rule.promtool.RuleTestFile.ExprTest;
import dev.alerting.rule.promtool.RuleTestFile.TestGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs {@code promtool test rules} files against this engine, stepping through time as promtool
 * does: every group is evaluated at each {@code evaluation_interval} step from 0 to the largest
 * {@code eval_time}; an alert test at {@code t} checks the state after the last step at or before
 * {@code t}; expression tests query the resulting series (input, recorded and {@code ALERTS})
 * afterwards.
 */
public final class RuleTestRunner {
  private final RuleFileLoader loader = RuleEngineConfig.ruleLoader();

  /** The outcome of one file: one readable failure text per failing case (empty when all pass). */
  public record Result(Path file, List<String> failures) {
    public boolean passed() {
      return failures.isEmpty();
    }
  }

  public Result run(Path file) {
    List<String> failures = new ArrayList<>();
    try {
      RuleTestFile f = RuleTestFile.read(file);
      List<RuleGroup> groups = new ArrayList<>();
      for (Path rules : f.ruleFiles()) {
        groups.addAll(loader.loadFile(rules));
      }
      groups = ordered(groups, f.groupEvalOrder());
      for (TestGroup t : f.tests()) {
        failures.addAll(run(t, groups, f.evaluationInterval()));
      }
    } catch (RuntimeException | java.io.IOException e) {
      failures.add("    " + e.getMessage());
    }
    return new Result(file, failures);
  }

  private static List<RuleGroup> ordered(List<RuleGroup> groups, List<String> order) {
    List<RuleGroup> out = new ArrayList<>(groups);
    out.sort(
        Comparator.comparingInt(
            g -> order.contains(g.name()) ? order.indexOf(g.name()) : order.size()));
    return out;
  }

  private static List<String> run(
      TestGroup t, List<RuleGroup> groups, Duration evaluationInterval) {
    String name = t.name().isEmpty() ? "" : "    name: " + t.name() + ",\n";
    AlertContext context = new AlertContext(t.externalLabels(), t.externalUrl());
    RuleEngine engine = new RuleEngine(groups, context, true);
    engine.load(t.input());
    List<AlertTest> alertTests = new ArrayList<>(t.alertTests());
    alertTests.sort(Comparator.comparing(AlertTest::evalTime));
    List<String> failures = new ArrayList<>();
    long step = evaluationInterval.toMillis();
    int next = 0;
    for (long ts = 0; ts <= t.maxEvalMillis(); ts += step) {
      engine.evaluateAt(Instant.ofEpochMilli(ts));
      List<String> errors = ruleErrors(engine, ts);
      if (!errors.isEmpty()) {
        failures.addAll(errors);
        return failures;
      }
      while (next < alertTests.size() && alertTests.get(next).evalTime().toMillis() < ts + step) {
        AlertTest a = alertTests.get(next++);
        List<String> got = firing(engine, a.alertname());
        List<String> exp = expected(a);
        if (!got.equals(exp)) {
          failures.add(
              name
                  + "    alertname: "
                  + a.alertname()
                  + ", time: "
                  + Durations.format(a.evalTime())
                  + ",\n        exp: "
                  + list(exp)
                  + ",\n        got: "
                  + list(got));
        }
      }
    }
    for (ExprTest e : t.exprTests()) {
      failures.addAll(check(engine, e, name));
    }
    return failures;
  }

  private static List<String> ruleErrors(RuleEngine engine, long ts) {
    List<String> out = new ArrayList<>();
    for (RuleGroup g : engine.groups()) {
      for (Rule r : g.rules()) {
        AlertingRuleState a = engine.state(r);
        RecordingRuleState rec = engine.recording(r);
        String error =
            a != null
                ? (a.health() == AlertingRuleState.Health.ERR ? a.lastError() : null)
                : (rec.health() == AlertingRuleState.Health.ERR ? rec.lastError() : null);
        if (error != null) {
          out.add(
              "    rule: "
                  + r.name()
                  + ", time: "
                  + Durations.format(Duration.ofMillis(ts))
                  + ", err: "
                  + error);
        }
      }
    }
    return out;
  }

  /**
   * Firing alerts of every rule with this name (the same name may be in several groups), sorted.
   */
  private static List<String> firing(RuleEngine engine, String alertname) {
    List<String> out = new ArrayList<>();
    for (AlertingRuleState s : engine.alertingRules()) {
      if (!s.rule().name().equals(alertname)) {
        continue;
      }
      for (ActiveAlert a : s.alerts()) {
        if (a.state() == AlertState.FIRING) {
          out.add(describe(a.labels().asMap(), a.annotations()));
        }
      }
    }
    out.sort(null);
    return out;
  }

  private static List<String> expected(AlertTest a) {
    List<String> out = new ArrayList<>();
    for (ExpectedAlert e : a.expected()) {
      Map<String, String> labels = new TreeMap<>(e.labels());
      labels.put(Labels.ALERT_NAME, a.alertname());
      out.add(describe(labels, e.annotations()));
    }
    out.sort(null);
    return out;
  }

  private static String describe(Map<String, String> labels, Map<String, String> annotations) {
    return "labels: "
        + Labels.of(labels)
        + ", annotations: "
        + Labels.of(new TreeMap<>(annotations));
  }

  private static List<String> check(RuleEngine engine, ExprTest e, String name) {
    String where = name + "    expr: \"" + e.expr() + "\", time: " + Durations.format(e.evalTime());
    List<String> got = new ArrayList<>();
    List<String> exp = new ArrayList<>();
    try {
      for (InstantSample s :
          PromQL.evaluateVector(PromQL.parse(e.expr()), e.evalTime().toMillis(), engine.series())) {
        got.add(s.labels() + " " + (s.isHistogram() ? HistogramText.of(s.histogram()) : s.value()));
      }
      for (ExpectedSample s : e.expected()) {
        // a histogram compares by its populated buckets and bounds, not its span layout
        exp.add(
            SeriesNotation.parseLabels(s.labels())
                + " "
                + (s.histogram() != null ? HistogramText.of(s.histogram()) : s.value()));
      }
    } catch (RuntimeException ex) {
      return List.of(where + ", err: " + ex.getMessage());
    }
    got.sort(null);
    exp.sort(null);
    // promtool compares with reflect.DeepEqual, where NaN never equals NaN.
    if (got.equals(exp) && !got.toString().contains("NaN")) {
      return List.of();
    }
    return List.of(where + ",\n        exp: " + list(exp) + "\n        got: " + list(got));
  }

  private static String list(List<String> items) {
    if (items.isEmpty()) {
      return "[]";
    }
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      sb.append("\n            ").append(i).append(": ").append(items.get(i));
    }
    return sb.append("\n        ]").toString();
  }
}
