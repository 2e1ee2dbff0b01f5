package dev.alerting.promql.storage;

import java.util.Arrays;

/**
 * The held series of one metric name, for selectors that name it: slots in pages; eviction, which
 * walks them by index, removes a series in O(1) (swap with the last). A slot per series instead of
 * a hash entry, as the store finds series by labels through its own index.
 *
 * <p>Pages of {@link #PAGE} slots, only the last one growing, by a quarter: a name with many series
 * (every series of a metric across hosts) wastes at most a quarter of its last page, where a
 * doubled array wastes up to half of all of it, and no array is large enough for the collector to
 * treat it as humongous or to copy it whole when it grows.
 */
final class NamedSeries {
  static final int PAGE_BITS = 15;
  static final int PAGE = 1 << PAGE_BITS;
  private static final int IN_PAGE = PAGE - 1;

  private SeriesBuffer[][] pages = {new SeriesBuffer[4]};
  private int size;

  int size() {
    return size;
  }

  /** How many pages hold slots (for tests). */
  int pageCount() {
    return pages.length;
  }

  /** The slots of the last page (for tests). */
  int lastPageLength() {
    return pages[pages.length - 1].length;
  }

  SeriesBuffer get(int i) {
    return pages[i >>> PAGE_BITS][i & IN_PAGE];
  }

  void add(SeriesBuffer b) {
    int page = size >>> PAGE_BITS;
    int at = size & IN_PAGE;
    if (page == pages.length) {
      pages = Arrays.copyOf(pages, page + 1);
      pages[page] = new SeriesBuffer[4];
    }
    SeriesBuffer[] last = pages[page];
    if (at == last.length) {
      last = Arrays.copyOf(last, Math.min(PAGE, at + Math.max(4, at / 4)));
      pages[page] = last;
    }
    last[at] = b;
    size++;
  }

  /** Removes the series at {@code i}, moving the last one there; drops a last page left empty. */
  void remove(int i) {
    int l = --size;
    SeriesBuffer[] last = pages[l >>> PAGE_BITS];
    pages[i >>> PAGE_BITS][i & IN_PAGE] = last[l & IN_PAGE];
    last[l & IN_PAGE] = null;
    if (l > 0 && (l & IN_PAGE) == 0) {
      pages = Arrays.copyOf(pages, l >>> PAGE_BITS);
    }
  }
}
