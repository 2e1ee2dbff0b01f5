package dev.alerting.platform.codec;

import dev.alerting.model.Labels;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Label sets by their encoded bytes (a TimeSeries' label fields, say): a lookup hashes and compares
 * the bytes where they lie (no copy); only a label set seen for the first time is copied and built
 * by the caller. Bounded: when full it starts over, so a reader of an ever-changing set of series
 * keeps a working set, not everything it ever saw. Thread-safe: the ingest's parser threads share
 * one. Hashed eight bytes at a time with a per-process seed.
 */
public final class LabelCache {
  private final int maxEntries;
  private final Map<Key, Labels> entries = new ConcurrentHashMap<>();

  public LabelCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("the label cache needs room for at least one series");
    }
    this.maxEntries = maxEntries;
  }

  public int size() {
    return entries.size();
  }

  /** The label set stored for the bytes {@code [from, to)} of {@code buf}, or null. */
  public Labels find(byte[] buf, int from, int to) {
    Key probe = new Key();
    probe.point(buf, from, to);
    return entries.get(probe);
  }

  /** Stores {@code labels} for a copy of the bytes {@code [from, to)} of {@code buf}. */
  public void put(byte[] buf, int from, int to, Labels labels) {
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
    Key key = new Key();
    key.point(Arrays.copyOfRange(buf, from, to), 0, to - from);
    entries.put(key, labels);
  }

  /** A byte range compared by content; the probe points into a record, stored keys own a copy. */
  private static final class Key {
    private static final VarHandle LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MIX = 0x9E3779B97F4A7C15L;

    /** Per process, so that a client cannot craft label sets whose hashes collide in advance. */
    private static final long SEED = new SplittableRandom().nextLong();

    private byte[] buf;
    private int from;
    private int to;
    private int hash;

    void point(byte[] buf, int from, int to) {
      this.buf = buf;
      this.from = from;
      this.to = to;
      // eight bytes per step (a serial byte-by-byte hash was a visible share of ingest and of the
      // rule engine's decoding under load), then the tail byte by byte
      long h = SEED ^ (to - from);
      int i = from;
      for (; i + Long.BYTES <= to; i += Long.BYTES) {
        h = Long.rotateLeft((h ^ (long) LONGS.get(buf, i)) * MIX, 29);
      }
      for (; i < to; i++) {
        h = (h ^ buf[i]) * MIX;
      }
      h *= MIX;
      this.hash = (int) (h ^ (h >>> 32));
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
