package dev.alerting.promql.engine;

/**
 * A query that parsed but cannot be evaluated on this data, e.g. many-to-many matching; as in
 * Prometheus it fails the whole evaluation.
 */
public class EvaluationException extends RuntimeException {
  public EvaluationException(String message) {
    super(message);
  }
}
