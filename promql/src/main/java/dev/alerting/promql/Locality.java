package dev.alerting.promql;

/**
 * Whether an expression's result elements can be computed one input series at a time, which lets
 * the rule engine evaluate only the series that changed (see {@link PromQL#locality}).
 */
public enum Locality {
  /** Some result element may combine several series (aggregation, vector matching, absent). */
  COMBINED,

  /**
   * Every result element comes from exactly one input series, and an input series' element depends
   * only on its own samples and the evaluation time ({@code rate(x[5m]) > 1}, {@code
   * label_replace(x, …)}, {@code x offset 1h}). Its value may still change while the series gets no
   * sample: a range window slides, an offset exposes other samples.
   */
  PER_SERIES,

  /**
   * {@link #PER_SERIES}, and moreover, while an input series gets no new sample, its element
   * (labels and value) stays what it was at the last evaluation after that sample, until the
   * series' newest sample is {@link dev.alerting.promql.engine.Evaluator#DEFAULT_LOOKBACK lookback}
   * old (from then on it has none); and two different input series never yield the same labels at
   * any step, so the evaluation cannot fail for a duplicate label set. The input series all have
   * one metric name. Example: {@code x{job="a"} > 90}, {@code abs(x - 5) >= bool 2}.
   */
  STEADY
}
