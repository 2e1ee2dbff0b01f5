package dev.alerting.ingest.remotewrite;

import dev.alerting.ingest.sample.FormatException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads protocol-buffer wire format from a byte range: varints, fixed64 and length-delimited
 * fields, enough for Prometheus's {@code WriteRequest}. Every read is bounds-checked and a bad byte
 * becomes a {@link FormatException} naming its offset; nothing is allocated from a length that does
 * not fit in what is left.
 */
final class ProtoReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private final byte[] buf;
  private int pos;
  private final int limit;

  ProtoReader(byte[] buf, int offset, int limit) {
    this.buf = buf;
    this.pos = offset;
    this.limit = limit;
  }

  boolean hasMore() {
    return pos < limit;
  }

  int offset() {
    return pos;
  }

  /** The next field's tag: field number in the high bits, wire type in the low three. */
  int readTag() {
    long tag = readVarint();
    if (tag >>> 3 == 0 || tag > Integer.MAX_VALUE) {
      throw new FormatException("invalid protobuf field tag " + tag + " at byte " + pos);
    }
    return (int) tag;
  }

  long readVarint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= limit) {
        throw new FormatException("truncated protobuf varint at byte " + pos);
      }
      byte b = buf[pos++];
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new FormatException("protobuf varint longer than 10 bytes at byte " + pos);
  }

  double readDouble() {
    need(8);
    long bits = 0;
    for (int i = 7; i >= 0; i--) {
      bits = (bits << 8) | (buf[pos + i] & 0xffL);
    }
    pos += 8;
    return Double.longBitsToDouble(bits);
  }

  /** A reader over the next length-delimited field; this reader moves past it. */
  ProtoReader readMessage() {
    int length = readLength();
    ProtoReader sub = new ProtoReader(buf, pos, pos + length);
    pos += length;
    return sub;
  }

  String readString() {
    int length = readLength();
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(buf, pos, length))
              .toString();
      pos += length;
      return s;
    } catch (CharacterCodingException e) {
      throw new FormatException("protobuf string at byte " + pos + " is not valid UTF-8");
    }
  }

  /** Moves past a field of an unknown or ignored number. */
  void skip(int wireType) {
    switch (wireType) {
      case VARINT -> readVarint();
      case FIXED64 -> skipBytes(8);
      case LENGTH_DELIMITED -> skipBytes(readLength());
      case FIXED32 -> skipBytes(4);
      default ->
          throw new FormatException(
              "unsupported protobuf wire type " + wireType + " at byte " + pos);
    }
  }

  /** Fails unless {@code tag} carries the wire type the schema gives its field. */
  static void expect(int tag, int wireType, String field) {
    if ((tag & 7) != wireType) {
      throw new FormatException(
          field + " has protobuf wire type " + (tag & 7) + ", expected " + wireType);
    }
  }

  private int readLength() {
    long length = readVarint();
    if (length < 0 || length > limit - pos) {
      throw new FormatException(
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
      throw new FormatException("truncated protobuf field at byte " + pos);
    }
  }
}
