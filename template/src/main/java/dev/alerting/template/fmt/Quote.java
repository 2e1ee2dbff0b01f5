package dev.alerting.template.fmt;

/**
 * Go's strconv quoting: {@code Quote}, {@code QuoteToASCII}, {@code QuoteRune}, {@code Unquote}.
 */
public final class Quote {
  private Quote() {}

  /** strconv.Quote. */
  public static String go(String s) {
    return quote(s, '"', false);
  }

  /** strconv.QuoteToASCII. */
  public static String ascii(String s) {
    return quote(s, '"', true);
  }

  /** strconv.QuoteRune / QuoteRuneToASCII. */
  public static String rune(int r, boolean asciiOnly) {
    if (r < 0 || r > Character.MAX_CODE_POINT || (r >= 0xD800 && r <= 0xDFFF)) {
      r = 0xFFFD;
    }
    StringBuilder sb = new StringBuilder("'");
    appendEscaped(sb, r, '\'', asciiOnly);
    return sb.append('\'').toString();
  }

  private static String quote(String s, char q, boolean asciiOnly) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append(q);
    s.codePoints().forEach(r -> appendEscaped(sb, r, q, asciiOnly));
    return sb.append(q).toString();
  }

  private static void appendEscaped(StringBuilder sb, int r, char q, boolean asciiOnly) {
    if (r == q || r == '\\') {
      sb.append('\\').appendCodePoint(r);
      return;
    }
    if (asciiOnly ? r < 0x80 && isPrint(r) : isPrint(r)) {
      sb.appendCodePoint(r);
      return;
    }
    switch (r) {
      case 0x07 -> sb.append("\\a");
      case '\b' -> sb.append("\\b");
      case '\f' -> sb.append("\\f");
      case '\n' -> sb.append("\\n");
      case '\r' -> sb.append("\\r");
      case '\t' -> sb.append("\\t");
      case 0x0B -> sb.append("\\v");
      default -> {
        if (r < ' ' || r == 0x7f) {
          sb.append(String.format("\\x%02x", r));
        } else if (r >= 0xD800 && r <= 0xDFFF) {
          sb.append("\\ufffd");
        } else if (r < 0x10000) {
          sb.append(String.format("\\u%04x", r));
        } else {
          sb.append(String.format("\\U%08x", r));
        }
      }
    }
  }

  /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
  public static boolean isPrint(int r) {
    if (r == ' ') {
      return true;
    }
    return switch (Character.getType(r)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.SPACE_SEPARATOR,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      default -> true;
    };
  }

  /** strconv.Unquote of a double-quoted Go string literal. */
  public static String unquote(String quoted) {
    if (quoted.length() < 2 || quoted.charAt(0) != '"' || !quoted.endsWith("\"")) {
      throw new IllegalArgumentException("invalid syntax");
    }
    StringBuilder sb = new StringBuilder();
    int[] i = {1};
    int end = quoted.length() - 1;
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    while (i[0] < end) {
      char c = quoted.charAt(i[0]);
      if (c != '\\') {
        flush(bytes, sb);
        sb.append(c);
        i[0]++;
        continue;
      }
      int v = escape(quoted, i, '"', bytes);
      if (v >= 0) {
        flush(bytes, sb);
        sb.appendCodePoint(v);
      }
    }
    flush(bytes, sb);
    return sb.toString();
  }

  /** The code point of a Go character literal such as {@code 'a'} or {@code '\n'}. */
  public static int unquoteChar(String quoted) {
    if (quoted.length() < 3 || quoted.charAt(0) != '\'' || !quoted.endsWith("'")) {
      throw new IllegalArgumentException("invalid syntax");
    }
    String body = quoted.substring(1, quoted.length() - 1);
    if (body.charAt(0) != '\\') {
      if (body.codePointCount(0, body.length()) != 1) {
        throw new IllegalArgumentException("invalid syntax");
      }
      return body.codePointAt(0);
    }
    int[] i = {1};
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    int v = escape(quoted, i, '\'', bytes);
    if (i[0] != quoted.length() - 1) {
      throw new IllegalArgumentException("invalid syntax");
    }
    return v >= 0 ? v : bytes.toByteArray()[0] & 0xff;
  }

  /** Reads the escape at {@code i[0]}; returns a code point, or -1 after adding a raw byte. */
  private static int escape(String s, int[] i, char quote, java.io.ByteArrayOutputStream bytes) {
    if (i[0] + 1 >= s.length()) {
      throw new IllegalArgumentException("invalid syntax");
    }
    char c = s.charAt(i[0] + 1);
    i[0] += 2;
    switch (c) {
      case 'a':
        return 7;
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'v':
        return 11;
      case '\\':
        return '\\';
      case 'x':
        bytes.write(hex(s, i, 2));
        return -1;
      case 'u':
        return hex(s, i, 4);
      case 'U':
        return hex(s, i, 8);
      default:
        if (c >= '0' && c <= '7') {
          i[0] -= 1;
          int v = Integer.parseInt(s.substring(i[0], i[0] + 3), 8);
          i[0] += 3;
          bytes.write(v);
          return -1;
        }
        if (c == quote) {
          return c;
        }
        throw new IllegalArgumentException("invalid syntax");
    }
  }

  private static int hex(String s, int[] i, int n) {
    if (i[0] + n > s.length()) {
      throw new IllegalArgumentException("invalid syntax");
    }
    int v = Integer.parseInt(s.substring(i[0], i[0] + n), 16);
    i[0] += n;
    return v;
  }

  private static void flush(java.io.ByteArrayOutputStream bytes, StringBuilder sb) {
    if (bytes.size() > 0) {
      sb.append(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
      bytes.reset();
    }
  }
}
