package dev.alerting.template.parse;

/** Where Go's lexer ends a string, raw string, character or number literal. */
final class Literals {
  private Literals() {}

  /** The end (after the closing quote) of a quoted literal at {@code pos}, or -1. */
  static int quoted(String in, int pos, char quote) {
    int i = pos + 1;
    while (true) {
      if (i >= in.length() || in.charAt(i) == '\n') {
        return -1;
      }
      char c = in.charAt(i++);
      if (c == '\\') {
        if (i >= in.length() || in.charAt(i) == '\n') {
          return -1;
        }
        i++;
      } else if (c == quote) {
        return i;
      }
    }
  }

  /** The end of a raw string at {@code pos} (newlines allowed), or -1. */
  static int raw(String in, int pos) {
    int end = in.indexOf('`', pos + 1);
    return end < 0 ? -1 : end + 1;
  }

  /** The end of a number at {@code pos}: sign, base prefix, digits, fraction, exponent. */
  static int number(String in, int pos) {
    int i = pos;
    if (in.charAt(i) == '+' || in.charAt(i) == '-') {
      i++;
    }
    String digits = "0123456789_";
    String exponent = "eE";
    if (in.startsWith("0x", i) || in.startsWith("0X", i)) {
      i += 2;
      digits = "0123456789abcdefABCDEF_";
      exponent = "pP";
    } else if (in.startsWith("0o", i) || in.startsWith("0O", i)) {
      i += 2;
      digits = "01234567_";
      exponent = "";
    } else if (in.startsWith("0b", i) || in.startsWith("0B", i)) {
      i += 2;
      digits = "01_";
      exponent = "";
    }
    i = accept(in, i, digits);
    if (i < in.length() && in.charAt(i) == '.') {
      i = accept(in, i + 1, digits);
    }
    if (!exponent.isEmpty() && i < in.length() && exponent.indexOf(in.charAt(i)) >= 0) {
      i++;
      if (i < in.length() && "+-".indexOf(in.charAt(i)) >= 0) {
        i++;
      }
      i = accept(in, i, "0123456789_");
    }
    return i;
  }

  private static int accept(String in, int i, String valid) {
    while (i < in.length() && valid.indexOf(in.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }
}
