package dev.alerting.rule.alert;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A binary min-heap of entries by deadline in which each entry knows its position, so a deadline
 * can change or be removed in O(log n): what lets a rule find the alerts and kept results due at an
 * instant without visiting the others.
 */
final class DeadlineHeap<T extends DeadlineHeap.Entry> {
  /** Something with a deadline; in at most one heap at a time. */
  abstract static class Entry {
    long deadline;
    int heapIndex = -1;

    boolean scheduled() {
      return heapIndex >= 0;
    }
  }

  private Entry[] heap = new Entry[16];
  private int size;

  int size() {
    return size;
  }

  /** Schedules {@code e} at {@code deadline}, moving it when it was scheduled already. */
  void schedule(T e, long deadline) {
    e.deadline = deadline;
    if (e.heapIndex < 0) {
      if (size == heap.length) {
        heap = Arrays.copyOf(heap, size * 2);
      }
      e.heapIndex = size;
      heap[size++] = e;
      up(e.heapIndex);
    } else {
      down(up(e.heapIndex));
    }
  }

  /** Unschedules {@code e} (nothing when it is not scheduled). */
  void remove(T e) {
    int i = e.heapIndex;
    if (i < 0) {
      return;
    }
    e.heapIndex = -1;
    Entry last = heap[--size];
    heap[size] = null;
    if (i < size) {
      heap[i] = last;
      last.heapIndex = i;
      down(up(i));
    }
  }

  /** Unschedules and hands over every entry due at {@code at} (deadline at or before it). */
  @SuppressWarnings("unchecked")
  void takeDue(long at, Consumer<T> due) {
    while (size > 0 && heap[0].deadline <= at) {
      T e = (T) heap[0];
      remove(e);
      due.accept(e);
    }
  }

  void clear() {
    for (int i = 0; i < size; i++) {
      heap[i].heapIndex = -1;
      heap[i] = null;
    }
    size = 0;
  }

  private int up(int i) {
    Entry e = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      Entry p = heap[parent];
      if (p.deadline <= e.deadline) {
        break;
      }
      heap[i] = p;
      p.heapIndex = i;
      i = parent;
    }
    heap[i] = e;
    e.heapIndex = i;
    return i;
  }

  private void down(int i) {
    Entry e = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && heap[child + 1].deadline < heap[child].deadline) {
        child++;
      }
      if (heap[child].deadline >= e.deadline) {
        break;
      }
      heap[i] = heap[child];
      heap[i].heapIndex = i;
      i = child;
    }
    heap[i] = e;
    e.heapIndex = i;
  }
}
