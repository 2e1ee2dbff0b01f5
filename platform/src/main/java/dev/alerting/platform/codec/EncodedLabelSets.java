package dev.alerting.platform.codec;

import dev.alerting.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The decoder's label sets by their encoded bytes, for a consumer that keeps every series (the rule
 * engine): one array slot per label set (4 bytes, the table at most 3/4 full), without a copy of
 * its bytes or a hash of its own. A lookup computes the label set's fingerprint ({@link
 * Labels#fingerprint()}, FNV-1a over names and values) from the bytes where they lie, compares it
 * with the fingerprint each candidate caches, and checks a match by comparing the bytes with the
 * label set's encoding as {@link SampleRecords} writes it (sorted, name then value); a label set is
 * stored only when its bytes are that encoding, so other encodings are rebuilt each time rather
 * than stored under bytes that can never match. Bounded: at {@code maxEntries} it starts over, as
 * {@link LabelCache}. {@link LabelCache} instead keeps the bytes (~150 bytes a series with its map
 * entry) and is thread-safe, for the ingest's parsers. Not thread-safe.
 *
 * <p>The slots lie in pages of at most {@value #PAGE} references, not in one array: an array of at
 * least half a heap region (G1's regions are 1 MB or more) is a humongous object, which takes whole
 * regions, and a power-of-two table plus its array header leaves the last one nearly as empty as
 * the table is large (at 100 000 label sets and 2 MB regions, 1 MB lost: ~10 bytes a label set). A
 * page costs one more load per probe, from a small array that stays in cache.
 *
 * <p>Past one page the table grows by a quarter (at least a page), not by doubling, so it stays
 * between ~3/5 and 3/4 full instead of 3/8 and 3/4; a slot's home is then the hash scaled to the
 * capacity (a multiply and a shift) rather than masked, and a probe wraps at the capacity.
 */
final class EncodedLabelSets {
  private static final int MIN_CAPACITY = 64;
  static final int PAGE_BITS = 15;
  static final int PAGE = 1 << PAGE_BITS;
  private static final int IN_PAGE = PAGE - 1;
  private static final byte LABEL_TAG = (SampleRecords.TIMESERIES_LABELS << 3) | 2;
  private static final byte NAME_TAG = (SampleRecords.LABEL_NAME << 3) | 2;
  private static final byte VALUE_TAG = (SampleRecords.LABEL_VALUE << 3) | 2;

  private final int maxEntries;
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Labels[][] pages = pages(MIN_CAPACITY);
  private int capacity = MIN_CAPACITY;
  private int size;

  EncodedLabelSets(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("the label cache needs room for at least one series");
    }
    this.maxEntries = maxEntries;
  }

  int size() {
    return size;
  }

  /** The slots (for tests). */
  int capacity() {
    return capacity;
  }

  /** The length of the longest array holding slots (for tests). */
  int longestPage() {
    return pages[0].length;
  }

  /** The label set encoded as the bytes {@code [from, to)} of {@code buf}, or null. */
  Labels find(byte[] buf, int from, int to) {
    long h = fingerprint(buf, from, to);
    Labels[][] p = pages;
    int c = capacity;
    for (int i = home(h, c); ; i = i + 1 == c ? 0 : i + 1) {
      Labels l = p[i >>> PAGE_BITS][i & IN_PAGE];
      if (l == null) {
        return null;
      }
      if (l.fingerprint() == h && encodes(l, buf, from, to)) {
        return l;
      }
    }
  }

  /**
   * Stores {@code labels} for the bytes {@code [from, to)} of {@code buf} when they are its
   * encoding; false when they are not (not stored).
   */
  boolean put(byte[] buf, int from, int to, Labels labels) {
    if (!encodes(labels, buf, from, to)) {
      return false;
    }
    if (size >= maxEntries) {
      for (Labels[] page : pages) {
        Arrays.fill(page, null);
      }
      size = 0;
    }
    if (size + 1 > capacity - (capacity >> 2)) {
      grow(capacity < PAGE ? capacity * 2 : capacity + PAGE * Math.max(1, capacity / PAGE / 4));
    }
    place(pages, capacity, labels);
    size++;
    return true;
  }

  private void grow(int next) {
    Labels[][] p = pages(next);
    for (Labels[] page : pages) {
      for (Labels l : page) {
        if (l != null) {
          place(p, next, l);
        }
      }
    }
    pages = p;
    capacity = next;
  }

  /** {@code capacity} slots: one array below a page, else whole pages. */
  private static Labels[][] pages(int capacity) {
    int length = Math.min(capacity, PAGE);
    Labels[][] p = new Labels[capacity / length][];
    for (int i = 0; i < p.length; i++) {
      p[i] = new Labels[length];
    }
    return p;
  }

  private static void place(Labels[][] p, int capacity, Labels labels) {
    int i = home(labels.fingerprint(), capacity);
    while (p[i >>> PAGE_BITS][i & IN_PAGE] != null) {
      i = i + 1 == capacity ? 0 : i + 1;
    }
    p[i >>> PAGE_BITS][i & IN_PAGE] = labels;
  }

  private static int home(long fingerprint, int capacity) {
    // Fibonacci hashing spreads the bits; the top 32 times the capacity, shifted, are in range
    return (int) ((((fingerprint * 0x9E3779B97F4A7C15L) >>> 32) * capacity) >>> 32);
  }

  /**
   * {@link Labels#fingerprint()} of the label set these bytes encode when they are its canonical
   * encoding (any other encoding gets some value: it is checked with {@link #encodes} anyway, and
   * malformed bytes are reported by the full read that follows a miss).
   */
  static long fingerprint(byte[] buf, int from, int to) {
    long h = FNV_OFFSET;
    int p = from;
    while (p < to) {
      if (buf[p++] != LABEL_TAG) {
        return 0;
      }
      long length = 0;
      for (int shift = 0; ; shift += 7) {
        if (p >= to || shift > 28) {
          return 0;
        }
        byte b = buf[p++];
        length |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          break;
        }
      }
      long end = p + length;
      if (end > to) {
        return 0;
      }
      while (p < end) {
        byte tag = buf[p++];
        if (tag != NAME_TAG && tag != VALUE_TAG) {
          return 0;
        }
        long n = 0;
        for (int shift = 0; ; shift += 7) {
          if (p >= end || shift > 28) {
            return 0;
          }
          byte b = buf[p++];
          n |= (long) (b & 0x7f) << shift;
          if (b >= 0) {
            break;
          }
        }
        if (p + n > end) {
          return 0;
        }
        for (int k = p; k < p + n; k++) {
          h = (h ^ (buf[k] & 0xff)) * FNV_PRIME;
        }
        h = (h ^ 0xff) * FNV_PRIME;
        p += (int) n;
      }
    }
    return h;
  }

  /** Whether {@code [from, to)} of {@code buf} is exactly the label fields SampleRecords writes. */
  static boolean encodes(Labels labels, byte[] buf, int from, int to) {
    int p = from;
    for (int i = 0; i < labels.size() && p >= 0; i++) {
      String name = labels.name(i);
      String value = labels.value(i);
      int nl = ProtoWriter.utf8Length(name);
      int vl = ProtoWriter.utf8Length(value);
      int inner = 2 + ProtoWriter.varintSize(nl) + nl + ProtoWriter.varintSize(vl) + vl;
      p = tag(buf, p, to, LABEL_TAG);
      p = varint(buf, p, to, inner);
      p = tag(buf, p, to, NAME_TAG);
      p = varint(buf, p, to, nl);
      p = string(buf, p, to, name, nl);
      p = tag(buf, p, to, VALUE_TAG);
      p = varint(buf, p, to, vl);
      p = string(buf, p, to, value, vl);
    }
    return p == to;
  }

  // Each step returns the position after what it matched, or -1 (and passes -1 on).

  private static int tag(byte[] buf, int p, int to, byte tag) {
    return p >= 0 && p < to && buf[p] == tag ? p + 1 : -1;
  }

  private static int varint(byte[] buf, int p, int to, int v) {
    while (p >= 0) {
      if (p >= to) {
        return -1;
      }
      int b = v & 0x7f;
      v >>>= 7;
      if (v != 0) {
        b |= 0x80;
      }
      if (buf[p++] != (byte) b) {
        return -1;
      }
      if (v == 0) {
        return p;
      }
    }
    return -1;
  }

  private static int string(byte[] buf, int p, int to, String s, int utf8Length) {
    if (p < 0 || to - p < utf8Length) {
      return -1;
    }
    if (utf8Length == s.length()) {
      int i = 0;
      while (i < utf8Length && s.charAt(i) < 0x80 && buf[p + i] == (byte) s.charAt(i)) {
        i++;
      }
      if (i == utf8Length) {
        return p + i;
      }
      if (s.charAt(i) < 0x80) {
        return -1;
      }
    }
    // not ASCII (rare in labels): compare with its encoding
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    return Arrays.equals(bytes, 0, bytes.length, buf, p, p + utf8Length) ? p + utf8Length : -1;
  }
}
