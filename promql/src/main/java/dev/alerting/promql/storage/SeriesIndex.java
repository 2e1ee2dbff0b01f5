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
 * <p>It doubles, so it is 3/8 to 3/4 full. Growing by a quarter past one page (as the decoder's
 * {@code EncodedLabelSets} does: 3/5 to 3/4 full, ~4 bytes a series less at 100 000) was tried and
 * measured slower here: every sample and every selector's lookup probes this table, and a longer
 * run costs a dependent load of a series and its label set per step.
 */
final class SeriesIndex {
  private static final int MIN_CAPACITY = 16;
  static final int PAGE_BITS = 15;
  static final int PAGE = 1 << PAGE_BITS;
  private static final int IN_PAGE = PAGE - 1;

  private SeriesBuffer[][] pages = pages(MIN_CAPACITY);
  private int mask = MIN_CAPACITY - 1;
  private int size;

  int size() {
    return size;
  }

  /** The slots, for tests: {@code capacity} of them in pages of at most {@link #PAGE}. */
  int capacity() {
    return mask + 1;
  }

  /** The length of the longest array holding slots (for tests). */
  int longestPage() {
    return pages[0].length;
  }

  /** The buffer of {@code labels}, or null. */
  SeriesBuffer get(Labels labels) {
    SeriesBuffer[][] p = pages;
    int m = mask;
    for (int i = home(labels, m); ; i = (i + 1) & m) {
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
    int capacity = mask + 1;
    if (size + 1 > capacity - (capacity >> 2)) {
      rehash(capacity * 2);
    }
    place(pages, mask, b);
    size++;
  }

  /** Removes the buffer of {@code b}'s labels, if held. */
  void remove(SeriesBuffer b) {
    SeriesBuffer[][] p = pages;
    int m = mask;
    int i = home(b.labels(), m);
    while (slot(p, i) != b) {
      if (slot(p, i) == null) {
        return;
      }
      i = (i + 1) & m;
    }
    // Backward-shift deletion: move later entries of the run into the hole when their home slot
    // does not lie (cyclically) after the hole.
    int hole = i;
    for (int j = (i + 1) & m; slot(p, j) != null; j = (j + 1) & m) {
      int home = home(slot(p, j).labels(), m);
      if (((j - home) & m) >= ((j - hole) & m)) {
        p[hole >>> PAGE_BITS][hole & IN_PAGE] = slot(p, j);
        hole = j;
      }
    }
    p[hole >>> PAGE_BITS][hole & IN_PAGE] = null;
    size--;
    if (m + 1 > MIN_CAPACITY && size < (m + 1) >> 3) {
      rehash((m + 1) >> 1);
    }
  }

  private void rehash(int capacity) {
    SeriesBuffer[][] next = pages(capacity);
    for (SeriesBuffer[] page : pages) {
      for (SeriesBuffer b : page) {
        if (b != null) {
          place(next, capacity - 1, b);
        }
      }
    }
    pages = next;
    mask = capacity - 1;
  }

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

  private static void place(SeriesBuffer[][] p, int mask, SeriesBuffer b) {
    int i = home(b.labels(), mask);
    while (slot(p, i) != null) {
      i = (i + 1) & mask;
    }
    p[i >>> PAGE_BITS][i & IN_PAGE] = b;
  }

  private static int home(Labels labels, int mask) {
    // the fingerprint is cached in the label set; Fibonacci hashing spreads its bits
    return (int) ((labels.fingerprint() * 0x9E3779B97F4A7C15L) >>> 32) & mask;
  }
}
