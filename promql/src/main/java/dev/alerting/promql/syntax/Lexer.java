package dev.alerting.promql.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits PromQL text into tokens. Identifiers may contain colons (recording-rule names) except
 * inside brackets, where a colon is the subquery separator the parser must reject explicitly.
 */
public final class Lexer {
  private final String in;
  private int pos;
  private int braceDepth;
  private int bracketDepth;
  private final List<Token> out = new ArrayList<>();

  private Lexer(String in) {
    this.in = in;
  }

  public static List<Token> tokenize(String text) {
    Lexer l = new Lexer(text);
    l.run();
    return l.out;
  }

  private void run() {
    while (true) {
      skipSpaceAndComments();
      if (pos >= in.length()) {
        out.add(new Token(TokenKind.EOF, "", pos));
        return;
      }
      char c = in.charAt(pos);
      int start = pos;
      if (Character.isDigit(c)
          || (c == '.' && pos + 1 < in.length() && Character.isDigit(in.charAt(pos + 1)))) {
        numberOrDuration();
      } else if (isIdentStart(c)) {
        identifier();
      } else if (c == '"' || c == '\'' || c == '`') {
        out.add(new Token(TokenKind.STRING, StringLiterals.read(in, pos, this::setPos), start));
      } else {
        operator(c, start);
      }
    }
  }

  private void setPos(int p) {
    pos = p;
  }

  private void skipSpaceAndComments() {
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '#') {
        while (pos < in.length() && in.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private boolean isIdentStart(char c) {
    return Character.isLetter(c) && c < 128
        || c == '_'
        || (c == ':' && bracketDepth == 0 && braceDepth == 0);
  }

  private boolean isIdentPart(char c) {
    return isIdentStart(c) || Character.isDigit(c);
  }

  private void identifier() {
    int start = pos;
    while (pos < in.length() && isIdentPart(in.charAt(pos))) {
      pos++;
    }
    String text = in.substring(start, pos);
    String lower = text.toLowerCase();
    boolean special = lower.equals("inf") || lower.equals("nan");
    TokenKind kind = special && braceDepth == 0 ? TokenKind.NUMBER : TokenKind.IDENTIFIER;
    out.add(new Token(kind, text, start));
  }

  private void numberOrDuration() {
    int start = pos;
    if (in.startsWith("0x", pos) || in.startsWith("0X", pos)) {
      pos += 2;
      while (pos < in.length() && Character.digit(in.charAt(pos), 16) >= 0) {
        pos++;
      }
      finishNumber(start);
      return;
    }
    boolean plainInteger = true;
    digits();
    if (pos < in.length() && in.charAt(pos) == '.') {
      plainInteger = false;
      pos++;
      digits();
    }
    if (pos < in.length()
        && (in.charAt(pos) == 'e' || in.charAt(pos) == 'E')
        && exponentFollows()) {
      plainInteger = false;
      pos++;
      if (in.charAt(pos) == '+' || in.charAt(pos) == '-') {
        pos++;
      }
      digits();
    }
    if (plainInteger && pos < in.length() && "smhdwy".indexOf(in.charAt(pos)) >= 0) {
      pos = start;
      duration();
      return;
    }
    finishNumber(start);
  }

  private boolean exponentFollows() {
    int p = pos + 1;
    if (p < in.length() && (in.charAt(p) == '+' || in.charAt(p) == '-')) {
      p++;
    }
    return p < in.length() && Character.isDigit(in.charAt(p));
  }

  private void finishNumber(int start) {
    if (pos < in.length() && (Character.isLetterOrDigit(in.charAt(pos)) || in.charAt(pos) == '_')) {
      throw new ParseException(
          "bad number or duration syntax \"" + in.substring(start, pos + 1) + "\"", start);
    }
    out.add(new Token(TokenKind.NUMBER, in.substring(start, pos), start));
  }

  private void digits() {
    while (pos < in.length() && Character.isDigit(in.charAt(pos))) {
      pos++;
    }
  }

  private void duration() {
    int start = pos;
    while (pos < in.length() && Character.isDigit(in.charAt(pos))) {
      digits();
      if (in.startsWith("ms", pos)) {
        pos += 2;
      } else if (pos < in.length() && "smhdwy".indexOf(in.charAt(pos)) >= 0) {
        pos++;
      } else {
        throw new ParseException(
            "bad duration syntax \"" + in.substring(start, Math.min(pos + 1, in.length())) + "\"",
            start);
      }
    }
    if (pos < in.length()
        && (Character.isLetterOrDigit(in.charAt(pos))
            || in.charAt(pos) == '_'
            || in.charAt(pos) == '.')) {
      throw new ParseException(
          "bad duration syntax \"" + in.substring(start, pos + 1) + "\"", start);
    }
    out.add(new Token(TokenKind.DURATION, in.substring(start, pos), start));
  }

  private void operator(char c, int start) {
    char next = pos + 1 < in.length() ? in.charAt(pos + 1) : '\0';
    TokenKind kind;
    int len = 1;
    switch (c) {
      case '{' -> {
        kind = TokenKind.LEFT_BRACE;
        braceDepth++;
      }
      case '}' -> {
        kind = TokenKind.RIGHT_BRACE;
        braceDepth = Math.max(0, braceDepth - 1);
      }
      case '(' -> kind = TokenKind.LEFT_PAREN;
      case ')' -> kind = TokenKind.RIGHT_PAREN;
      case '[' -> {
        kind = TokenKind.LEFT_BRACKET;
        bracketDepth++;
      }
      case ']' -> {
        kind = TokenKind.RIGHT_BRACKET;
        bracketDepth = Math.max(0, bracketDepth - 1);
      }
      case ',' -> kind = TokenKind.COMMA;
      case ':' -> kind = TokenKind.COLON;
      case '@' -> kind = TokenKind.AT;
      case '+' -> kind = TokenKind.ADD;
      case '-' -> kind = TokenKind.SUB;
      case '*' -> kind = TokenKind.MUL;
      case '/' -> kind = TokenKind.DIV;
      case '%' -> kind = TokenKind.MOD;
      case '^' -> kind = TokenKind.POW;
      case '=' -> {
        if (next == '=') {
          kind = TokenKind.EQL;
          len = 2;
        } else if (next == '~') {
          kind = TokenKind.EQL_REGEX;
          len = 2;
        } else {
          kind = TokenKind.ASSIGN;
        }
      }
      case '!' -> {
        if (next == '=') {
          kind = TokenKind.NEQ;
          len = 2;
        } else if (next == '~') {
          kind = TokenKind.NEQ_REGEX;
          len = 2;
        } else {
          throw new ParseException("unexpected character after \"!\"", start);
        }
      }
      case '<' -> {
        if (next == '=') {
          kind = TokenKind.LTE;
          len = 2;
        } else if (next == '/') {
          kind = TokenKind.TRIM_UPPER;
          len = 2;
        } else {
          kind = TokenKind.LSS;
        }
      }
      case '>' -> {
        if (next == '=') {
          kind = TokenKind.GTE;
          len = 2;
        } else if (next == '/') {
          kind = TokenKind.TRIM_LOWER;
          len = 2;
        } else {
          kind = TokenKind.GTR;
        }
      }
      default -> throw new ParseException("unexpected character \"" + c + "\"", start);
    }
    pos += len;
    out.add(new Token(kind, in.substring(start, pos), start));
  }
}
