package dev.alerting.ingest.sample;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A position within one line of a text push body (Prometheus exposition, Influx line protocol),
 * with the scanning steps both parsers share; error positions are 1-based columns of the line.
 */
public abstract class LineCursor {
  protected final String s;
  protected final int begin;
  protected final int end;
  protected int pos;

  /** Reads line number {@code line}, {@code text[begin, end)}, into the batch. */
  @FunctionalInterface
  public interface LineReading {
    void read(String text, int begin, int end, int line);
  }

  /**
   * Reads line number {@code line}, {@code body[begin, end)} without its line feed or trailing
   * carriage return, straight from the bytes when it is plainly written, adding what it reads to
   * the batch. Returns false, having added nothing, for anything else: the careful reading then
   * reads the line and words any problem.
   */
  @FunctionalInterface
  public interface PlainLine {
    boolean read(byte[] body, int begin, int end, int line);
  }

  /**
   * As {@link #eachLine(byte[], Batch, LineReading)}, trying {@code plain} on each line first and
   * {@code careful} (on a string of that line only) where it declines. A body with any byte outside
   * ASCII is first checked to be UTF-8 as a whole, as the careful reading does; a line feed byte
   * never occurs inside a UTF-8 sequence, so lines, columns and errors are those of the careful
   * reading.
   */
  public static Validation eachLine(
      byte[] body, Batch batch, PlainLine plain, LineReading careful) {
    for (byte b : body) {
      if (b < 0) {
        if (!isUtf8(body)) {
          return new Validation.Malformed("the body is not valid UTF-8");
        }
        break;
      }
    }
    int start = 0;
    int line = 1;
    while (start < body.length && !batch.full()) {
      int end = start;
      while (end < body.length && body[end] != '\n') {
        end++;
      }
      int content = end > start && body[end - 1] == '\r' ? end - 1 : end;
      if (!plain.read(body, start, content, line)) {
        String text = new String(body, start, end - start, StandardCharsets.UTF_8);
        try {
          careful.read(text, 0, text.length(), line);
        } catch (FormatException e) {
          batch.error(line, RejectReason.STRUCTURE, e.getMessage());
        }
      }
      start = end + 1;
      line++;
    }
    return batch.result();
  }

  /** Whether {@code body} is strict UTF-8, by the same decoder as the careful reading's. */
  private static boolean isUtf8(byte[] body) {
    try {
      decoder().decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static CharsetDecoder decoder() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /**
   * Decodes {@code body} as strict UTF-8 and reads it line by line until the batch is full; a line
   * whose reading throws {@link FormatException} becomes a structure error of that line.
   */
  public static Validation eachLine(byte[] body, Batch batch, LineReading reading) {
    String text;
    try {
      text = decoder().decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      return new Validation.Malformed("the body is not valid UTF-8");
    }
    int start = 0;
    int line = 1;
    while (start < text.length() && !batch.full()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      try {
        reading.read(text, start, end, line);
      } catch (FormatException e) {
        batch.error(line, RejectReason.STRUCTURE, e.getMessage());
      }
      start = end + 1;
      line++;
    }
    return batch.result();
  }

  /** The line {@code s[begin, end)}, without a trailing carriage return. */
  protected LineCursor(String s, int begin, int end) {
    this.s = s;
    this.begin = begin;
    this.end = end > begin && s.charAt(end - 1) == '\r' ? end - 1 : end;
    this.pos = begin;
  }

  /** A run of non-blank characters. */
  protected final String token() {
    int from = pos;
    while (pos < end && s.charAt(pos) != ' ' && s.charAt(pos) != '\t') {
      pos++;
    }
    return s.substring(from, pos);
  }

  /** Skips spaces and tabs; true when there were any. */
  protected final boolean skipBlanks() {
    int from = pos;
    while (pos < end && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
      pos++;
    }
    return pos > from;
  }

  protected final void expect(char c, String what) {
    if (pos >= end || s.charAt(pos) != c) {
      throw error("expected '" + c + "' " + what);
    }
    pos++;
  }

  protected final FormatException error(String reason) {
    return new FormatException(reason + " at column " + (pos - begin + 1));
  }
}
