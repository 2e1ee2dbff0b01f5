package dev.alerting.platform.codec;

import dev.alerting.model.Labels;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Label sets by their encoded bytes: a lookup hashes and compares the bytes where they lie in the
 * record (no copy); only a label set seen for the first time is copied and built. Bounded: when
 * full it starts over, so a consumer reading an ever-changing set of series keeps a working set,
 * not everything it ever saw.
 */
final class LabelCache {
  /** Builds the label set of a byte range on a miss. */
  @FunctionalInterface
  interface Builder {
    Labels build(byte[] buf, int from, int to);
  }

  private final int maxEntries;
  private final Map<Key, Labels> entries = new HashMap<>();
  private final Key probe = new Key();

  LabelCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("the label cache needs room for at least one series");
    }
    this.maxEntries = maxEntries;
  }

  int size() {
    return entries.size();
  }

  Labels get(byte[] buf, int from, int to, Builder builder) {
    probe.point(buf, from, to);
    Labels hit = entries.get(probe);
    if (hit != null) {
      return hit;
    }
    Labels built = builder.build(buf, from, to);
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
    Key key = new Key();
    key.point(Arrays.copyOfRange(buf, from, to), 0, to - from);
    entries.put(key, built);
    return built;
  }

  /** A byte range compared by content; the probe points into a record, stored keys own a copy. */
  private static final class Key {
    private byte[] buf;
    private int from;
    private int to;
    private int hash;

    void point(byte[] buf, int from, int to) {
      this.buf = buf;
      this.from = from;
      this.to = to;
      int h = 1;
      for (int i = from; i < to; i++) {
        h = 31 * h + buf[i];
      }
      this.hash = h;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && k.hash == hash
          && Arrays.equals(buf, from, to, k.buf, k.from, k.to);
    }
  }
}
