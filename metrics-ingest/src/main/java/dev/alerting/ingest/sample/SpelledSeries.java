package dev.alerting.ingest.sample;

import dev.alerting.model.Labels;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checked label sets by the bytes that spelled them, as {@code platform}'s {@code LabelCache}, but
 * hashed eight bytes at a time: a JSON series is spelled in ~70 bytes, and a byte-at-a-time hash
 * (one multiply per byte, each waiting on the last) cost about as much as reading the whole sample.
 * Bounded (starts over when full) and thread-safe: the parser threads share one.
 */
final class SpelledSeries {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long MIX = 0x9E3779B97F4A7C15L;

  /** Per process, so that a client cannot craft label sets whose hashes collide in advance. */
  private static final long SEED = new SplittableRandom().nextLong();

  private final int maxEntries;
  private final Map<Key, Labels> entries = new ConcurrentHashMap<>();

  SpelledSeries(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /** The label set stored for the bytes {@code [0, length)} of {@code buf}, or null. */
  Labels find(byte[] buf, int length) {
    return entries.get(new Key(buf, length));
  }

  /** Stores {@code labels} for a copy of the bytes {@code [0, length)} of {@code buf}. */
  void put(byte[] buf, int length, Labels labels) {
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
    entries.put(new Key(Arrays.copyOf(buf, length), length), labels);
  }

  /** A byte prefix compared by content; a probe points into the reader's scratch array. */
  private static final class Key {
    private final byte[] buf;
    private final int length;
    private final int hash;

    Key(byte[] buf, int length) {
      this.buf = buf;
      this.length = length;
      long h = SEED ^ length;
      int i = 0;
      for (; i + Long.BYTES <= length; i += Long.BYTES) {
        h = Long.rotateLeft((h ^ (long) LONGS.get(buf, i)) * MIX, 29);
      }
      for (; i < length; i++) {
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
          && Arrays.equals(buf, 0, length, k.buf, 0, k.length);
    }
  }
}
