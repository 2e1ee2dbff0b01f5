package dev.alerting.platform.codec;

/**
 * One String per distinct label name and value among those recently decoded, so that series sharing
 * a value (a host's {@code instance}, a metric name, {@code job}) share its String instead of each
 * holding a copy (~50 bytes a label). Bounded by construction: a direct-mapped table of a fixed
 * number of slots, where a string whose slot holds another replaces it (the old one stays alive
 * only through the label sets using it). It never grows, never clears, and costs 4 bytes a slot
 * plus the strings it points to. Not thread-safe.
 */
final class StringInterner {
  private final String[] slots;
  private final int mask;

  /** A table of {@code slots} entries, rounded up to a power of two. */
  StringInterner(int slots) {
    int n = Integer.highestOneBit(Math.max(1, slots - 1)) << 1;
    this.slots = new String[n];
    this.mask = n - 1;
  }

  /** The held String equal to {@code s}, or {@code s}, which is held from now on. */
  String intern(String s) {
    int h = s.hashCode();
    int i = (h ^ (h >>> 16)) & mask;
    String held = slots[i];
    if (held != null && held.equals(s)) {
      return held;
    }
    slots[i] = s;
    return s;
  }

  int capacity() {
    return slots.length;
  }
}
