package dev.alerting.promql.engine;

/**
 * A case Prometheus evaluates that this engine deliberately does not (yet): the evaluation fails
 * instead of answering differently from Prometheus.
 */
public final class UnsupportedEvaluationException extends EvaluationException {
  public UnsupportedEvaluationException(String message) {
    super(message);
  }
}
