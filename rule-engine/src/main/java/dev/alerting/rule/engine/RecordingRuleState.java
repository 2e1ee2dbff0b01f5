package dev.alerting.rule.engine;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.promql.engine.LabelMemo;
import dev.alerting.promql.storage.SeriesSource;
import dev.alerting.rule.alert.AlertingRuleState.Health;
import dev.alerting.rule.alert.SeriesLimit;
import dev.alerting.rule.expr.Element;
import dev.alerting.rule.group.RecordingRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One recording rule's evaluation, as Prometheus's {@code RecordingRule.Eval}: each result element
 * becomes a sample of a series named after the rule, with the rule's labels overriding the
 * result's; a histogram element is recorded as a histogram sample, as Prometheus 3 does. An
 * evaluation with more elements than its {@link SeriesLimit} is refused and writes nothing, as
 * Prometheus's group {@code limit}. Not thread-safe: one engine thread drives it.
 */
public final class RecordingRuleState {
  private final RecordingRule rule;
  private final SeriesLimit limit;
  private Health health = Health.UNKNOWN;
  private String lastError = "";
  private Instant lastEvaluation;
  private boolean refused;
  // Label sets derived from the series read, kept for the next evaluation.
  private final LabelMemo memo = new LabelMemo();

  public RecordingRuleState(RecordingRule rule) {
    this(rule, SeriesLimit.NONE);
  }

  public RecordingRuleState(RecordingRule rule, SeriesLimit limit) {
    this.rule = rule;
    this.limit = limit;
  }

  public RecordingRule rule() {
    return rule;
  }

  /**
   * The samples to record at {@code atMillis}, or null when the evaluation failed (nothing is
   * written then).
   */
  public List<Sample> evaluate(SeriesSource source, long atMillis) {
    lastEvaluation = Instant.ofEpochMilli(atMillis);
    refused = false;
    List<Element> results;
    try {
      results = rule.expr().evaluate(source, atMillis, memo);
    } catch (RuntimeException e) {
      return fail(String.valueOf(e.getMessage()));
    }
    String refusal = limit.refusal(results.size());
    if (refusal != null) {
      refused = true;
      return fail(refusal);
    }
    List<Sample> out = new ArrayList<>(results.size());
    Set<Labels> seen = new HashSet<>();
    for (Element el : results) {
      Labels series =
          el.labels().with(Labels.METRIC_NAME, rule.name()).merge(Labels.of(rule.labels()));
      if (!seen.add(series)) {
        return fail("vector contains metrics with the same labelset after applying rule labels");
      }
      out.add(
          el.isHistogram()
              ? Sample.histogram(series, el.histogram(), atMillis)
              : new Sample(series, el.value(), atMillis));
    }
    health = Health.OK;
    lastError = "";
    return out;
  }

  private List<Sample> fail(String error) {
    health = Health.ERR;
    lastError = error;
    return null;
  }

  public Health health() {
    return health;
  }

  /** Whether the latest evaluation was refused for exceeding the {@link SeriesLimit}. */
  public boolean refused() {
    return refused;
  }

  public String lastError() {
    return lastError;
  }

  /** When the rule was last evaluated (event time), or null before its first evaluation. */
  public Instant lastEvaluation() {
    return lastEvaluation;
  }
}
