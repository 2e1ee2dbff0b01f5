package dev.alerting.promql.storage;

import java.util.Arrays;

/**
 * The held series of one metric name, for selectors that name it: an array; eviction, which walks
 * it by index, removes a series in O(1) (swap with the last). A slot per series instead of a hash
 * entry, as the store finds series by labels through its own index.
 */
final class NamedSeries {
  private SeriesBuffer[] series = new SeriesBuffer[4];
  private int size;

  int size() {
    return size;
  }

  SeriesBuffer get(int i) {
    return series[i];
  }

  void add(SeriesBuffer b) {
    if (size == series.length) {
      series = Arrays.copyOf(series, size * 2);
    }
    series[size++] = b;
  }

  /** Removes the series at {@code i}, moving the last one there. */
  void remove(int i) {
    series[i] = series[--size];
    series[size] = null;
  }
}
