package dev.alerting.platform.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads protocol-buffer wire format from a byte range: varints, fixed64 and length-delimited
 * fields, enough for Prometheus's {@code WriteRequest} (remote_write bodies and {@code
 * metrics.samples} records). Every read is bounds-checked and a bad byte becomes a {@link
 * CodecException} naming its offset; nothing is allocated from a length that does not fit in what
 * is left.
 *
 * <p>Nested messages are read in place ({@link #enter()} / {@link #exit(int)}), without a reader
 * object per message: the decoders run once per sample and per label.
 */
public final class ProtoReader {
  public static final int VARINT = 0;
  public static final int FIXED64 = 1;
  public static final int LENGTH_DELIMITED = 2;
  public static final int FIXED32 = 5;

  private final byte[] buf;
  private int pos;
  private int limit;

  public ProtoReader(byte[] buf, int offset, int limit) {
    this.buf = buf;
    this.pos = offset;
    this.limit = limit;
  }

  /** Whether the current message (the whole range, or the one {@link #enter()}ed) has more. */
  public boolean hasMore() {
    return pos < limit;
  }

  public int offset() {
    return pos;
  }

  /** The bytes read from; with {@link #offset()}, where a field lies. */
  public byte[] buffer() {
    return buf;
  }

  /** The next field's tag: field number in the high bits, wire type in the low three. */
  public int readTag() {
    long tag = readVarint();
    if (tag >>> 3 == 0 || tag > Integer.MAX_VALUE) {
      throw new CodecException("invalid protobuf field tag " + tag + " at byte " + pos);
    }
    return (int) tag;
  }

  public long readVarint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= limit) {
        throw new CodecException("truncated protobuf varint at byte " + pos);
      }
      byte b = buf[pos++];
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new CodecException("protobuf varint longer than 10 bytes at byte " + pos);
  }

  /** A zigzag-encoded signed varint (protobuf {@code sint32}/{@code sint64}). */
  public long readSignedVarint() {
    long v = readVarint();
    return (v >>> 1) ^ -(v & 1);
  }

  public double readDouble() {
    need(8);
    long bits = 0;
    for (int i = 7; i >= 0; i--) {
      bits = (bits << 8) | (buf[pos + i] & 0xffL);
    }
    pos += 8;
    return Double.longBitsToDouble(bits);
  }

  /**
   * Enters the next length-delimited field as a message: until {@link #exit(int)}, reads stay
   * within it. Returns what {@link #exit(int)} needs to restore the enclosing message.
   */
  public int enter() {
    int length = readLength();
    int outer = limit;
    limit = pos + length;
    return outer;
  }

  /** Leaves the message {@link #enter()}ed (skipping what was not read of it). */
  public void exit(int outer) {
    pos = limit;
    limit = outer;
  }

  /** A reader over the next length-delimited field; this reader moves past it. */
  public ProtoReader readMessage() {
    int length = readLength();
    ProtoReader sub = new ProtoReader(buf, pos, pos + length);
    pos += length;
    return sub;
  }

  /** A string field: ASCII is copied as is, anything else must be valid UTF-8. */
  public String readString() {
    int length = readLength();
    int start = pos;
    pos += length;
    for (int i = start; i < start + length; i++) {
      if (buf[i] < 0) {
        return utf8(start, length);
      }
    }
    // every byte is ASCII, where Latin-1 and UTF-8 agree; Latin-1 decoding is a plain copy
    return new String(buf, start, length, StandardCharsets.ISO_8859_1);
  }

  private String utf8(int start, int length) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(buf, start, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CodecException("protobuf string at byte " + start + " is not valid UTF-8");
    }
  }

  /** Moves past a field of an unknown or ignored number. */
  public void skip(int wireType) {
    switch (wireType) {
      case VARINT -> readVarint();
      case FIXED64 -> skipBytes(8);
      case LENGTH_DELIMITED -> skipBytes(readLength());
      case FIXED32 -> skipBytes(4);
      default ->
          throw new CodecException(
              "unsupported protobuf wire type " + wireType + " at byte " + pos);
    }
  }

  /** Fails unless {@code tag} carries the wire type the schema gives its field. */
  public static void expect(int tag, int wireType, String field) {
    if ((tag & 7) != wireType) {
      throw new CodecException(
          field + " has protobuf wire type " + (tag & 7) + ", expected " + wireType);
    }
  }

  private int readLength() {
    long length = readVarint();
    if (length < 0 || length > limit - pos) {
      throw new CodecException(
          "protobuf length " + length + " at byte " + pos + " runs past the end of its message");
    }
    return (int) length;
  }

  private void skipBytes(int n) {
    need(n);
    pos += n;
  }

  private void need(int n) {
    if (limit - pos < n) {
      throw new CodecException("truncated protobuf field at byte " + pos);
    }
  }
}
