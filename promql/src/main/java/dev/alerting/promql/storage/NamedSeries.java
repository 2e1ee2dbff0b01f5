package dev.alerting.promql.storage;

import java.util.Arrays;

/**
 * The held series of one metric name, for selectors that name it: an array, each buffer knowing its
 * slot so eviction removes it in O(1) (swap with the last). A slot per series instead of a hash
 * entry, as the store finds series by labels through its own map.
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
    b.slot = size;
    series[size++] = b;
  }

  void remove(SeriesBuffer b) {
    int i = b.slot;
    SeriesBuffer last = series[--size];
    series[i] = last;
    last.slot = i;
    series[size] = null;
  }
}
