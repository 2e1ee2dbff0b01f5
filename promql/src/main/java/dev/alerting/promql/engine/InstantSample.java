package dev.alerting.promql.engine;

import dev.alerting.model.Labels;

/**
 * One element of an instant vector. {@code timestamp} is the sample's own time when it came
 * straight from a selector (what {@code timestamp()} reports) and the evaluation time otherwise.
 * {@code dropName} marks a result whose metric name (with {@code __type__}/{@code __unit__}) is
 * removed when the whole expression is done, as Prometheus 3's delayed name removal: until then
 * {@code label_replace} and {@code by (__name__)} still see it.
 */
public record InstantSample(Labels labels, double value, long timestamp, boolean dropName) {
  public InstantSample(Labels labels, double value, long timestamp) {
    this(labels, value, timestamp, false);
  }

  /** This sample with its name marked for removal. */
  public InstantSample droppingName(double newValue, long t) {
    return new InstantSample(labels, newValue, t, true);
  }

  /** This sample with another value at {@code t}, its name mark kept. */
  public InstantSample with(double newValue, long t) {
    return new InstantSample(labels, newValue, t, dropName);
  }
}
