package dev.alerting.promql.storage;

import dev.alerting.model.Labels;

/**
 * The store's series by label set: open addressing with linear probing in one array of buffers (a
 * buffer knows its labels), so a series costs a slot here (4 bytes, at most 3/4 full) instead of a
 * hash-map node and a slot (~45 bytes). Removal shifts the following run back, so no tombstones.
 */
final class SeriesIndex {
  private static final int MIN_CAPACITY = 16;

  private SeriesBuffer[] table = new SeriesBuffer[MIN_CAPACITY];
  private int size;

  int size() {
    return size;
  }

  /** The buffer of {@code labels}, or null. */
  SeriesBuffer get(Labels labels) {
    SeriesBuffer[] t = table;
    int mask = t.length - 1;
    for (int i = home(labels, mask); ; i = (i + 1) & mask) {
      SeriesBuffer b = t[i];
      if (b == null) {
        return null;
      }
      // the decoder hands over one Labels per series, so identity nearly always decides
      if (b.labels() == labels || b.labels().equals(labels)) {
        return b;
      }
    }
  }

  /** Adds a buffer whose labels are not held yet. */
  void add(SeriesBuffer b) {
    if (size + 1 > table.length - (table.length >> 2)) {
      rehash(table.length * 2);
    }
    place(table, b);
    size++;
  }

  /** Removes the buffer of {@code b}'s labels, if held. */
  void remove(SeriesBuffer b) {
    SeriesBuffer[] t = table;
    int mask = t.length - 1;
    int i = home(b.labels(), mask);
    while (t[i] != b) {
      if (t[i] == null) {
        return;
      }
      i = (i + 1) & mask;
    }
    // Backward-shift deletion: move later entries of the run into the hole when their home slot
    // does not lie (cyclically) after the hole.
    int hole = i;
    for (int j = (i + 1) & mask; t[j] != null; j = (j + 1) & mask) {
      int home = home(t[j].labels(), mask);
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        t[hole] = t[j];
        hole = j;
      }
    }
    t[hole] = null;
    size--;
    if (table.length > MIN_CAPACITY && size < table.length >> 3) {
      rehash(table.length >> 1);
    }
  }

  private void rehash(int capacity) {
    SeriesBuffer[] next = new SeriesBuffer[capacity];
    for (SeriesBuffer b : table) {
      if (b != null) {
        place(next, b);
      }
    }
    table = next;
  }

  private static void place(SeriesBuffer[] t, SeriesBuffer b) {
    int mask = t.length - 1;
    int i = home(b.labels(), mask);
    while (t[i] != null) {
      i = (i + 1) & mask;
    }
    t[i] = b;
  }

  private static int home(Labels labels, int mask) {
    // the fingerprint is cached in the label set; Fibonacci hashing spreads its bits
    return (int) ((labels.fingerprint() * 0x9E3779B97F4A7C15L) >>> 32) & mask;
  }
}
