package dev.alerting.promql.conformance;

import dev.alerting.model.Labels;
import dev.alerting.promql.notation.SeriesNotation;
import java.util.List;

/** One promql_expr_test entry with the input series of its test group. */
record ConformanceCase(
    String file,
    int group,
    String expr,
    long evalTimeMillis,
    long intervalMillis,
    List<Input> inputs,
    List<Expected> expected) {

  /** An input series: labels and its expanded values. */
  record Input(Labels labels, List<SeriesNotation.Step> steps) {}

  /** An expected result element. */
  record Expected(Labels labels, double value) {}

  String displayName() {
    return file + " #" + group + ": " + expr + " @ " + evalTimeMillis / 1000 + "s";
  }
}
