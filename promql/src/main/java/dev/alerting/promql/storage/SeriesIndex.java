package dev.alerting.promql.storage;

import dev.alerting.model.Labels;

/**
 * The store's series by label set: open addressing with linear probing over the buffers (a buffer
 * knows its labels), so a series costs a slot here (4 bytes, at most 3/4 full) instead of a
 * hash-map node and a slot (~45 bytes). Removal shifts the following run back, so no tombstones.
 *
 * <p>The slots lie in pages of at most {@value #PAGE} references, not in one array: an array of at
 * least half a heap region (G1's regions are 1 MB or more) is a humongous object, which takes whole
 * regions, and a power-of-two table plus its array header leaves the last one nearly as empty as
 * the table is large (at 100 000 series and 2 MB regions, 1 MB lost: ~10 bytes a series). A page
 * costs one more load per probe, from a small array that stays in cache.
 *
 * <p>Past one page the table grows by a quarter (at least a page), not by doubling, so it stays
 * between ~3/5 and 3/4 full instead of 3/8 and 3/4; a slot's home is then the hash scaled to the
 * capacity (a multiply and a shift) rather than masked, and a probe wraps at the capacity.
 */
final class SeriesIndex {
  private static final int MIN_CAPACITY = 16;
  static final int PAGE_BITS = 15;
  static final int PAGE = 1 << PAGE_BITS;
  private static final int IN_PAGE = PAGE - 1;

  private SeriesBuffer[][] pages = pages(MIN_CAPACITY);
  private int capacity = MIN_CAPACITY;
  private int size;

  int size() {
    return size;
  }

  /** The slots, for tests: {@code capacity} of them in pages of at most {@link #PAGE}. */
  int capacity() {
    return capacity;
  }

  /** The length of the longest array holding slots (for tests). */
  int longestPage() {
    return pages[0].length;
  }

  /** The buffer of {@code labels}, or null. */
  SeriesBuffer get(Labels labels) {
    SeriesBuffer[][] p = pages;
    int c = capacity;
    for (int i = home(labels, c); ; i = i + 1 == c ? 0 : i + 1) {
      SeriesBuffer b = p[i >>> PAGE_BITS][i & IN_PAGE];
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
    if (size + 1 > capacity - (capacity >> 2)) {
      rehash(capacity < PAGE ? capacity * 2 : capacity + PAGE * Math.max(1, capacity / PAGE / 4));
    }
    place(pages, capacity, b);
    size++;
  }

  /** Removes the buffer of {@code b}'s labels, if held. */
  void remove(SeriesBuffer b) {
    SeriesBuffer[][] p = pages;
    int c = capacity;
    int i = home(b.labels(), c);
    while (slot(p, i) != b) {
      if (slot(p, i) == null) {
        return;
      }
      i = i + 1 == c ? 0 : i + 1;
    }
    // Backward-shift deletion: move later entries of the run into the hole when their home slot
    // does not lie (cyclically) after the hole.
    int hole = i;
    for (int j = i + 1 == c ? 0 : i + 1; slot(p, j) != null; j = j + 1 == c ? 0 : j + 1) {
      int home = home(slot(p, j).labels(), c);
      if (distance(home, j, c) >= distance(hole, j, c)) {
        p[hole >>> PAGE_BITS][hole & IN_PAGE] = slot(p, j);
        hole = j;
      }
    }
    p[hole >>> PAGE_BITS][hole & IN_PAGE] = null;
    size--;
    if (c > MIN_CAPACITY && size < c >> 3) {
      rehash(c <= PAGE ? c >> 1 : Math.max(PAGE, c / PAGE / 2 * PAGE));
    }
  }

  private void rehash(int next) {
    SeriesBuffer[][] p = pages(next);
    for (SeriesBuffer[] page : pages) {
      for (SeriesBuffer b : page) {
        if (b != null) {
          place(p, next, b);
        }
      }
    }
    pages = p;
    capacity = next;
  }

  /** {@code capacity} slots: one array below a page, else whole pages. */
  private static SeriesBuffer[][] pages(int capacity) {
    int length = Math.min(capacity, PAGE);
    SeriesBuffer[][] p = new SeriesBuffer[capacity / length][];
    for (int i = 0; i < p.length; i++) {
      p[i] = new SeriesBuffer[length];
    }
    return p;
  }

  private static SeriesBuffer slot(SeriesBuffer[][] p, int i) {
    return p[i >>> PAGE_BITS][i & IN_PAGE];
  }

  /** Steps from slot {@code from} forward to slot {@code to}, wrapping at {@code capacity}. */
  private static int distance(int from, int to, int capacity) {
    int d = to - from;
    return d < 0 ? d + capacity : d;
  }

  private static void place(SeriesBuffer[][] p, int capacity, SeriesBuffer b) {
    int i = home(b.labels(), capacity);
    while (slot(p, i) != null) {
      i = i + 1 == capacity ? 0 : i + 1;
    }
    p[i >>> PAGE_BITS][i & IN_PAGE] = b;
  }

  private static int home(Labels labels, int capacity) {
    // the fingerprint is cached in the label set; Fibonacci hashing spreads its bits, and the top
    // 32 of them times the capacity, shifted down, fall in [0, capacity)
    return (int) ((((labels.fingerprint() * 0x9E3779B97F4A7C15L) >>> 32) * capacity) >>> 32);
  }
}
