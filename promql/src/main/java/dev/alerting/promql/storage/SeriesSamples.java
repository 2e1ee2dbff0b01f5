package dev.alerting.promql.storage;

import dev.alerting.model.Labels;

/**
 * One series' samples inside a time window, oldest first. Arrays are owned by the receiver and must
 * not be mutated by the source afterwards.
 */
public record SeriesSamples(Labels labels, long[] timestamps, double[] values) {
  public SeriesSamples {
    if (timestamps.length != values.length) {
      throw new IllegalArgumentException("timestamps and values differ in length");
    }
  }

  public int size() {
    return timestamps.length;
  }

  public boolean isEmpty() {
    return timestamps.length == 0;
  }
}
