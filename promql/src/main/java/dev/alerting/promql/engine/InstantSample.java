package dev.alerting.promql.engine;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;

/**
 * One element of an instant vector. {@code timestamp} is the sample's own time when it came
 * straight from a selector (what {@code timestamp()} reports) and the evaluation time otherwise.
 * {@code dropName} marks a result whose metric name (with {@code __type__}/{@code __unit__}) is
 * removed when the whole expression is done, as Prometheus 3's delayed name removal: until then
 * {@code label_replace} and {@code by (__name__)} still see it. {@code histogram} is the native
 * histogram of a histogram element (its {@code value} is then 0 and meaningless), null for a float.
 */
public record InstantSample(
    Labels labels, double value, long timestamp, boolean dropName, FloatHistogram histogram) {
  public InstantSample(Labels labels, double value, long timestamp) {
    this(labels, value, timestamp, false, null);
  }

  public InstantSample(Labels labels, double value, long timestamp, boolean dropName) {
    this(labels, value, timestamp, dropName, null);
  }

  /** A histogram element. */
  public static InstantSample histogram(
      Labels labels, FloatHistogram histogram, long timestamp, boolean dropName) {
    return new InstantSample(labels, 0, timestamp, dropName, histogram);
  }

  public boolean isHistogram() {
    return histogram != null;
  }

  /** This sample with its name marked for removal, as a float. */
  public InstantSample droppingName(double newValue, long t) {
    return new InstantSample(labels, newValue, t, true, null);
  }

  /** This sample with another float value at {@code t}, its name mark kept. */
  public InstantSample with(double newValue, long t) {
    return new InstantSample(labels, newValue, t, dropName, null);
  }

  /** This sample with another histogram at {@code t}, its name mark kept. */
  public InstantSample with(FloatHistogram newHistogram, long t) {
    return new InstantSample(labels, 0, t, dropName, newHistogram);
  }

  /** This sample with other labels, its value (float or histogram) and time kept. */
  public InstantSample withLabels(Labels newLabels) {
    return new InstantSample(newLabels, value, timestamp, dropName, histogram);
  }
}
