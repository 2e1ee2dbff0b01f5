package dev.alerting.platform.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes protocol-buffer wire format into a growable byte array: the encoding side of {@link
 * ProtoReader}. Reused between messages ({@link #reset()}), so encoding many records allocates
 * little beyond their results.
 */
final class ProtoWriter {
  private byte[] buf;
  private int size;

  ProtoWriter(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  int size() {
    return size;
  }

  int capacity() {
    return buf.length;
  }

  void reset() {
    size = 0;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** Copies what was written from {@code from} on to the start of {@code dest}. */
  void copyTo(int from, byte[] dest) {
    System.arraycopy(buf, from, dest, 0, size - from);
  }

  /**
   * Appends the first {@code length} bytes of {@code bytes} as they are (fields encoded earlier).
   */
  void raw(byte[] bytes, int length) {
    ensure(length);
    System.arraycopy(bytes, 0, buf, size, length);
    size += length;
  }

  void tag(int field, int wireType) {
    varint((long) field << 3 | wireType);
  }

  void varint(long v) {
    ensure(10);
    while ((v & ~0x7fL) != 0) {
      buf[size++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  /** A double as fixed64, little-endian, with its exact bits (NaN payloads included). */
  void fixed64(double value) {
    ensure(8);
    long bits = Double.doubleToRawLongBits(value);
    for (int i = 0; i < 8; i++) {
      buf[size++] = (byte) (bits >>> (8 * i));
    }
  }

  /** A signed varint in zigzag form (protobuf {@code sint32}/{@code sint64}). */
  void sint(long v) {
    varint((v << 1) ^ (v >> 63));
  }

  /** A double field (fixed64) with its exact bits. */
  void doubleField(int field, double value) {
    tag(field, ProtoReader.FIXED64);
    fixed64(value);
  }

  /** A packed repeated double field; nothing when {@code values} is empty. */
  void packedDoubles(int field, double[] values) {
    if (values.length == 0) {
      return;
    }
    tag(field, ProtoReader.LENGTH_DELIMITED);
    varint(8L * values.length);
    for (double v : values) {
      fixed64(v);
    }
  }

  /** A length-delimited string field; {@code utf8Length} is {@link #utf8Length(String)}. */
  void string(int field, String s, int utf8Length) {
    tag(field, ProtoReader.LENGTH_DELIMITED);
    varint(utf8Length);
    ensure(utf8Length);
    int start = size;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        // not ASCII (rare in labels): encode the whole string instead
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, buf, start, bytes.length);
        size = start + bytes.length;
        return;
      }
      buf[size++] = (byte) c;
    }
  }

  /** A length-delimited field holding what {@code message} has written. */
  void message(int field, ProtoWriter message) {
    tag(field, ProtoReader.LENGTH_DELIMITED);
    varint(message.size);
    ensure(message.size);
    System.arraycopy(message.buf, 0, buf, size, message.size);
    size += message.size;
  }

  static int varintSize(long v) {
    int n = 1;
    while ((v & ~0x7fL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  /** The UTF-8 length of {@code s}; ASCII (nearly every label) without encoding it. */
  static int utf8Length(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return s.length();
  }

  private void ensure(int more) {
    if (buf.length - size < more) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
