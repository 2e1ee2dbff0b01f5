package dev.alerting.ingest.sample;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A read position in the bytes of one plainly written JSON body: skips whitespace, takes single
 * bytes, skips plain strings and reads plain numbers, each answering "not plain" rather than
 * wording a problem (the other paths of {@link SampleValidator} word them).
 */
final class PlainCursor {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';

  /** The body. */
  final byte[] b;

  /** The next byte. */
  int p;

  PlainCursor(byte[] body) {
    this.b = body;
  }

  /** Whether every byte has been read. */
  boolean atEnd() {
    return p == b.length;
  }

  /**
   * Skips a string without escapes or control characters (bytes from 0x80 are checked as UTF-8 only
   * when a label set is built); false for anything else. Eight bytes at a time while none of them
   * is a quote, a backslash or a control character.
   */
  boolean string() {
    if (!take('"')) {
      return false;
    }
    int i = p;
    for (; i + Long.BYTES <= b.length; i += Long.BYTES) {
      long w = (long) LONGS.get(b, i);
      if (hasZeroByte(w ^ QUOTES) || hasZeroByte(w ^ BACKSLASHES) || hasControl(w)) {
        break; // one of them is in these eight: read them one by one
      }
    }
    for (; i < b.length; i++) {
      int c = b[i];
      if (c == '"') {
        p = i + 1;
        return true;
      }
      if (c == '\\' || (c >= 0 && c < 0x20)) {
        return false;
      }
    }
    return false;
  }

  /** A number as JSON writes it, within the plain bounds; NaN otherwise. */
  double value() {
    int from = p;
    int fraction = number();
    if (fraction < 0) {
      return Double.NaN;
    }
    if (fraction == 0) {
      long v = PlainNumbers.integer(b, from, p, false);
      // as Jackson: an integer token is read as a long, so -0 is 0
      return v == PlainNumbers.NOT_PLAIN ? Double.NaN : (double) v;
    }
    return PlainNumbers.decimal(b, from, p);
  }

  /** An integer as JSON writes it, of at most 18 digits; {@link Long#MIN_VALUE} otherwise. */
  long timestamp() {
    int from = p;
    if (number() != 0) {
      return Long.MIN_VALUE;
    }
    return PlainNumbers.integer(b, from, p, false);
  }

  /**
   * Skips {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?}: the number of fraction digits, or -1 when the
   * syntax is not that (an exponent included).
   */
  private int number() {
    take('-');
    int first = p;
    while (p < b.length && b[p] >= '0' && b[p] <= '9') {
      p++;
    }
    if (p == first || (b[first] == '0' && p - first > 1)) {
      return -1;
    }
    int fraction = 0;
    if (take('.')) {
      int digits = p;
      while (p < b.length && b[p] >= '0' && b[p] <= '9') {
        p++;
      }
      fraction = p - digits;
      if (fraction == 0) {
        return -1;
      }
    }
    if (p < b.length && (b[p] == 'e' || b[p] == 'E')) {
      return -1;
    }
    return fraction;
  }

  /** Skips JSON whitespace. */
  void blanks() {
    while (p < b.length) {
      byte c = b[p];
      if (c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t')) {
        return;
      }
      p++;
    }
  }

  /** Takes {@code c} if it is the next byte. */
  boolean take(char c) {
    if (p < b.length && b[p] == c) {
      p++;
      return true;
    }
    return false;
  }

  /** Whether a byte of {@code w} is 0 (exact: no false positives). */
  private static boolean hasZeroByte(long w) {
    return ((w - ONES) & ~w & HIGHS) != 0;
  }

  /** Whether a byte of {@code w} is below 0x20 (bytes from 0x80 are not). */
  private static boolean hasControl(long w) {
    return ((w - ONES * 0x20) & ~w & HIGHS) != 0;
  }
}
