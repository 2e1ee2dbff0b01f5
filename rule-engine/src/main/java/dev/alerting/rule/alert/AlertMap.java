package dev.alerting.rule.alert;

import dev.alerting.model.Labels;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A rule's alerts by their labels, in the order they were added, as a {@code LinkedHashMap} keeps
 * them: a {@link LabelTable} of the alerts themselves for lookups and a list linked through the
 * alerts ({@link Tracked#before}, {@link Tracked#after}) for the order, so an alert costs a table
 * slot and two references instead of a linked hash-map entry (~45 bytes). An alert is in at most
 * one map. Not thread-safe.
 */
final class AlertMap implements Iterable<Tracked> {
  private final LabelTable<Tracked> byLabels = new LabelTable<>();
  private Tracked first;
  private Tracked last;

  int size() {
    return byLabels.size();
  }

  boolean isEmpty() {
    return byLabels.isEmpty();
  }

  /** The alert with {@code labels}, or null. */
  Tracked get(Labels labels) {
    return byLabels.get(labels);
  }

  /**
   * Adds {@code t} at the end; an alert with the same labels is replaced in its place (the order is
   * that of first insertion, as in a {@code LinkedHashMap}).
   */
  void put(Tracked t) {
    Tracked old = byLabels.put(t);
    if (old == null) {
      t.before = last;
      t.after = null;
      if (last == null) {
        first = t;
      } else {
        last.after = t;
      }
      last = t;
    } else if (old != t) {
      t.before = old.before;
      t.after = old.after;
      if (t.before == null) {
        first = t;
      } else {
        t.before.after = t;
      }
      if (t.after == null) {
        last = t;
      } else {
        t.after.before = t;
      }
      old.before = null;
      old.after = null;
    }
  }

  /** Removes the alert with {@code labels}; returns it, or null when there is none. */
  Tracked remove(Labels labels) {
    Tracked t = byLabels.remove(labels);
    if (t != null) {
      unlink(t);
    }
    return t;
  }

  /** Moves every alert of {@code other} to the end of this map, in its order; other is emptied. */
  void takeAll(AlertMap other) {
    Tracked t = other.first;
    other.first = null;
    other.last = null;
    other.byLabels.clear();
    while (t != null) {
      Tracked next = t.after;
      t.before = null;
      t.after = null;
      put(t);
      t = next;
    }
  }

  void clear() {
    for (Tracked t = first; t != null; ) {
      Tracked next = t.after;
      t.before = null;
      t.after = null;
      t = next;
    }
    first = null;
    last = null;
    byLabels.clear();
  }

  private void unlink(Tracked t) {
    if (t.before == null) {
      first = t.after;
    } else {
      t.before.after = t.after;
    }
    if (t.after == null) {
      last = t.before;
    } else {
      t.after.before = t.before;
    }
    t.before = null;
    t.after = null;
  }

  /** The alerts in insertion order, as a map's {@code values()} (this map itself). */
  Iterable<Tracked> values() {
    return this;
  }

  /** The alerts in insertion order; the iterator's {@code remove} drops the alert last returned. */
  @Override
  public Iterator<Tracked> iterator() {
    return new Iterator<>() {
      private Tracked next = first;
      private Tracked current;

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Tracked next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        current = next;
        next = next.after;
        return current;
      }

      @Override
      public void remove() {
        if (current == null) {
          throw new IllegalStateException();
        }
        AlertMap.this.remove(current.labels);
        current = null;
      }
    };
  }
}
