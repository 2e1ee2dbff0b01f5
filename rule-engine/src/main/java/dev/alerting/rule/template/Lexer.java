package dev.alerting.rule.template;

import java.util.ArrayList;
import java.util.List;

/** Splits one template action into tokens, keeping source positions for error messages. */
final class Lexer {
  enum Kind {
    VARIABLE,
    FIELD,
    STRING,
    IDENT,
    PIPE
  }

  /** A token: its kind, its source text, its unquoted value (strings) and 1-based position. */
  record Token(Kind kind, String text, String value, int position) {}

  private final String src;
  private final int end;
  private int i;

  Lexer(String src, int start, int end) {
    this.src = src;
    this.i = start;
    this.end = end;
  }

  List<Token> tokens() throws TemplateException {
    List<Token> out = new ArrayList<>();
    while (true) {
      while (i < end && Character.isWhitespace(src.charAt(i))) {
        i++;
      }
      if (i >= end) {
        return out;
      }
      int start = i;
      char c = src.charAt(i);
      if (c == '|') {
        i++;
        out.add(new Token(Kind.PIPE, "|", "|", start + 1));
      } else if (c == '"' || c == '`') {
        int close = endOfString(src, i);
        if (close < 0 || close >= end) {
          throw new TemplateException(start + 1, "unterminated string");
        }
        i = close + 1;
        String raw = src.substring(start, i);
        out.add(new Token(Kind.STRING, raw, unquote(raw, start), start + 1));
      } else if (c == '$' || c == '.') {
        i++;
        while (i < end && (isIdent(src.charAt(i)) || src.charAt(i) == '.')) {
          i++;
        }
        String text = src.substring(start, i);
        out.add(new Token(c == '$' ? Kind.VARIABLE : Kind.FIELD, text, text, start + 1));
      } else if (isIdent(c)) {
        while (i < end && isIdent(src.charAt(i))) {
          i++;
        }
        String text = src.substring(start, i);
        out.add(new Token(Kind.IDENT, text, text, start + 1));
      } else {
        throw new TemplateException(start + 1, "unexpected '" + c + "' in action");
      }
    }
  }

  private static boolean isIdent(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** Index of the quote closing the string starting at {@code at}, or -1 when unterminated. */
  static int endOfString(String s, int at) {
    char q = s.charAt(at);
    for (int k = at + 1; k < s.length(); k++) {
      char c = s.charAt(k);
      if (q == '"' && c == '\\') {
        k++;
      } else if (c == q) {
        return k;
      } else if (c == '\n' && q == '"') {
        return -1;
      }
    }
    return -1;
  }

  private static String unquote(String raw, int start) throws TemplateException {
    if (raw.charAt(0) == '`') {
      return raw.substring(1, raw.length() - 1);
    }
    StringBuilder sb = new StringBuilder();
    for (int k = 1; k < raw.length() - 1; k++) {
      char c = raw.charAt(k);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = raw.charAt(++k);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case '\\', '"' -> sb.append(e);
        default -> throw new TemplateException(start + k, "unknown escape sequence \\" + e);
      }
    }
    return sb.toString();
  }
}
