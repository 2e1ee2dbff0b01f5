package dev.alerting.rule.alert;

import dev.alerting.model.Labels;
import java.util.function.Consumer;

/**
 * Entries by the label set each one carries: open addressing with linear probing in one array of
 * the entries themselves, so an entry costs a slot (4 bytes, the table at most 3/4 full) instead of
 * a hash-map node and its slot (~40 bytes). Removal shifts the following run back, so there are no
 * tombstones; the table halves when it falls below 1/8 full. An entry's key must not change while
 * it is held. Not thread-safe.
 */
final class LabelTable<E extends LabelTable.Keyed> {
  /** Something held by its label set. */
  interface Keyed {
    Labels key();
  }

  private static final int MIN_CAPACITY = 16;

  private Keyed[] table = new Keyed[MIN_CAPACITY];
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The entry with {@code labels}, or null. */
  @SuppressWarnings("unchecked")
  E get(Labels labels) {
    Keyed[] t = table;
    int mask = t.length - 1;
    for (int i = home(labels, mask); ; i = (i + 1) & mask) {
      Keyed e = t[i];
      if (e == null) {
        return null;
      }
      Labels k = e.key();
      if (k == labels || k.equals(labels)) {
        return (E) e;
      }
    }
  }

  /**
   * Adds {@code e}, replacing the entry with the same labels; returns the one replaced, or null.
   */
  @SuppressWarnings("unchecked")
  E put(E e) {
    Labels labels = e.key();
    Keyed[] t = table;
    int mask = t.length - 1;
    int i = home(labels, mask);
    for (; t[i] != null; i = (i + 1) & mask) {
      Labels k = t[i].key();
      if (k == labels || k.equals(labels)) {
        E old = (E) t[i];
        t[i] = e;
        return old;
      }
    }
    if (size + 1 > t.length - (t.length >> 2)) {
      rehash(t.length * 2);
      place(table, e);
    } else {
      t[i] = e;
    }
    size++;
    return null;
  }

  /** Removes and returns the entry with {@code labels}, or null when there is none. */
  @SuppressWarnings("unchecked")
  E remove(Labels labels) {
    Keyed[] t = table;
    int mask = t.length - 1;
    int i = home(labels, mask);
    while (true) {
      Keyed e = t[i];
      if (e == null) {
        return null;
      }
      Labels k = e.key();
      if (k == labels || k.equals(labels)) {
        break;
      }
      i = (i + 1) & mask;
    }
    E removed = (E) t[i];
    // Backward-shift deletion: move later entries of the run into the hole when their home slot
    // does not lie (cyclically) after the hole.
    int hole = i;
    for (int j = (i + 1) & mask; t[j] != null; j = (j + 1) & mask) {
      int home = home(t[j].key(), mask);
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        t[hole] = t[j];
        hole = j;
      }
    }
    t[hole] = null;
    size--;
    if (t.length > MIN_CAPACITY && size < t.length >> 3) {
      rehash(t.length >> 1);
    }
    return removed;
  }

  /** Drops every entry and the table with them. */
  void clear() {
    if (size > 0 || table.length > MIN_CAPACITY) {
      table = new Keyed[MIN_CAPACITY];
      size = 0;
    }
  }

  /** Hands every entry over, in no particular order; {@code action} must not change the table. */
  @SuppressWarnings("unchecked")
  void forEach(Consumer<? super E> action) {
    for (Keyed e : table) {
      if (e != null) {
        action.accept((E) e);
      }
    }
  }

  private void rehash(int capacity) {
    Keyed[] next = new Keyed[capacity];
    for (Keyed e : table) {
      if (e != null) {
        place(next, e);
      }
    }
    table = next;
  }

  private static void place(Keyed[] t, Keyed e) {
    int mask = t.length - 1;
    int i = home(e.key(), mask);
    while (t[i] != null) {
      i = (i + 1) & mask;
    }
    t[i] = e;
  }

  private static int home(Labels labels, int mask) {
    // the fingerprint is cached in the label set; Fibonacci hashing spreads its bits
    return (int) ((labels.fingerprint() * 0x9E3779B97F4A7C15L) >>> 32) & mask;
  }
}
