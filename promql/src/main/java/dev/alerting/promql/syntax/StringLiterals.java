package dev.alerting.promql.syntax;

import java.util.function.IntConsumer;

/**
 * Go-style string literals as PromQL accepts them: double or single quotes with escapes, or raw
 * backticks.
 */
final class StringLiterals {
  private StringLiterals() {}

  /**
   * Reads the literal starting at {@code start}, reports the position after it, returns the
   * unescaped value.
   */
  static String read(String in, int start, IntConsumer end) {
    char quote = in.charAt(start);
    StringBuilder sb = new StringBuilder();
    int p = start + 1;
    while (true) {
      if (p >= in.length()) {
        throw new ParseException("unterminated quoted string", start);
      }
      char c = in.charAt(p);
      if (c == quote) {
        end.accept(p + 1);
        return sb.toString();
      }
      if (quote != '`' && c == '\n') {
        throw new ParseException("unterminated quoted string", start);
      }
      if (quote == '`' || c != '\\') {
        sb.append(c);
        p++;
        continue;
      }
      if (p + 1 >= in.length()) {
        throw new ParseException("unterminated quoted string", start);
      }
      char e = in.charAt(p + 1);
      p += 2;
      switch (e) {
        case 'a' -> sb.append('\u0007');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'v' -> sb.append('\u000b');
        case '\\' -> sb.append('\\');
        case '"', '\'' -> {
          if (e != quote) {
            throw new ParseException("unknown escape sequence \"\\" + e + "\"", p - 2);
          }
          sb.append(e);
        }
        case 'x' -> p = hex(in, p, 2, sb);
        case 'u' -> p = hex(in, p, 4, sb);
        case 'U' -> p = hex(in, p, 8, sb);
        default -> {
          if (e >= '0' && e <= '7' && octal(in, p) && octal(in, p + 1)) {
            // Go: exactly three octal digits, at most \377
            int v = Integer.parseInt(in.substring(p - 1, p + 2), 8);
            if (v > 255) {
              throw new ParseException("octal escape value > 255: " + v, p - 2);
            }
            sb.append((char) v);
            p += 2;
          } else {
            throw new ParseException("unknown escape sequence \"\\" + e + "\"", p - 2);
          }
        }
      }
    }
  }

  private static boolean octal(String in, int p) {
    return p < in.length() && in.charAt(p) >= '0' && in.charAt(p) <= '7';
  }

  private static int hex(String in, int p, int n, StringBuilder sb) {
    if (p + n > in.length()) {
      throw new ParseException("invalid escape sequence", p - 2);
    }
    try {
      sb.appendCodePoint(Integer.parseInt(in.substring(p, p + n), 16));
    } catch (IllegalArgumentException e) {
      throw new ParseException("invalid escape sequence", p - 2);
    }
    return p + n;
  }
}
