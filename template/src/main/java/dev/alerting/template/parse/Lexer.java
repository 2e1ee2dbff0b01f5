package dev.alerting.template.parse;

import dev.alerting.template.parse.Item.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits template text into items the way Go's text/template lexer does, including the {@code {{-
 * }} / {@code -}}} trim markers and comments. Errors are returned as a final {@link Kind#ERROR}
 * item so the parser reports them with the line they occur on.
 */
final class Lexer {
  private static final String LEFT = "{{";
  private static final String RIGHT = "}}";
  private static final Map<String, Kind> KEYWORDS =
      Map.of(
          "block", Kind.BLOCK,
          "break", Kind.BREAK,
          "continue", Kind.CONTINUE,
          "define", Kind.DEFINE,
          "else", Kind.ELSE,
          "end", Kind.END,
          "if", Kind.IF,
          "range", Kind.RANGE,
          "template", Kind.TEMPLATE,
          "with", Kind.WITH);

  private final String in;
  private final List<Item> items = new ArrayList<>();
  private int pos;
  private int start;
  private int lineScanned;
  private int lineAtScanned = 1;
  private int parenDepth;

  private Lexer(String in) {
    this.in = in;
  }

  static List<Item> lex(String text) {
    Lexer l = new Lexer(text);
    l.run();
    return l.items;
  }

  private void run() {
    while (lexText()) {
      if (!lexAction()) {
        return;
      }
    }
  }

  /** Emits the text up to the next left delimiter; false at end of input. */
  private boolean lexText() {
    int x = in.indexOf(LEFT, pos);
    if (x < 0) {
      pos = in.length();
      if (pos > start) {
        emit(Kind.TEXT);
      }
      emitAt(Kind.EOF, "");
      return false;
    }
    int trimLen = hasLeftTrim(x) ? 2 : 0;
    int end = x;
    if (trimLen > 0) {
      while (end > start && isSpace(in.charAt(end - 1))) {
        end--;
      }
    }
    pos = end;
    if (pos > start) {
      emit(Kind.TEXT);
    }
    pos = x;
    start = pos;
    return true;
  }

  /** At a left delimiter: lexes the whole action; false after an error or end of input. */
  private boolean lexAction() {
    boolean trim = hasLeftTrim(pos);
    int after = pos + LEFT.length() + (trim ? 2 : 0);
    if (in.startsWith("/*", after)) {
      return lexComment(after);
    }
    pos += LEFT.length();
    emit(Kind.LEFT_DELIM);
    if (trim) {
      pos += 2;
      ignore();
    }
    parenDepth = 0;
    while (true) {
      int rt = rightDelimAt(pos);
      if (rt >= 0 && parenDepth == 0) {
        boolean rtrim = rt == 1;
        if (rtrim) {
          pos += 2;
          ignore();
        }
        pos += RIGHT.length();
        emit(Kind.RIGHT_DELIM);
        if (rtrim) {
          skipSpace();
        }
        return true;
      }
      if (rt >= 0) {
        return error("unclosed left paren");
      }
      if (pos >= in.length()) {
        return error("unclosed action");
      }
      if (!lexInside()) {
        return false;
      }
    }
  }

  private boolean lexComment(int commentStart) {
    int end = in.indexOf("*/", commentStart + 2);
    if (end < 0) {
      return error("unclosed comment");
    }
    advanceTo(end + 2);
    int rt = rightDelimAt(pos);
    if (rt < 0) {
      return error("comment ends before closing delimiter");
    }
    pos += (rt == 1 ? 2 : 0) + RIGHT.length();
    if (rt == 1) {
      skipSpace();
    }
    ignore();
    return true;
  }

  /** One token inside an action. */
  private boolean lexInside() {
    char c = in.charAt(pos);
    if (isSpace(c)) {
      while (pos < in.length() && isSpace(in.charAt(pos)) && rightDelimAt(pos) != 1) {
        advance();
      }
      emit(Kind.SPACE);
      return true;
    }
    switch (c) {
      case '=' -> {
        pos++;
        emit(Kind.ASSIGN);
      }
      case ':' -> {
        if (!in.startsWith(":=", pos)) {
          return error("expected :=");
        }
        pos += 2;
        emit(Kind.DECLARE);
      }
      case '|' -> {
        pos++;
        emit(Kind.PIPE);
      }
      case ',' -> {
        pos++;
        emit(Kind.COMMA);
      }
      case '"' -> {
        return lexQuote();
      }
      case '`' -> {
        return lexRawQuote();
      }
      case '\'' -> {
        return lexChar();
      }
      case '$' -> {
        return lexVariable();
      }
      case '(' -> {
        pos++;
        parenDepth++;
        emit(Kind.LEFT_PAREN);
      }
      case ')' -> {
        pos++;
        parenDepth--;
        emit(Kind.RIGHT_PAREN);
        if (parenDepth < 0) {
          return error("unexpected right paren " + unicodeForm(')'));
        }
      }
      case '.' -> {
        if (pos + 1 < in.length() && Character.isDigit(in.charAt(pos + 1))) {
          return lexNumber();
        }
        return lexField();
      }
      default -> {
        if (c == '+' || c == '-' || Character.isDigit(c)) {
          return lexNumber();
        }
        if (isAlnum(c)) {
          return lexIdentifier();
        }
        if (c < 0x7f && c >= ' ') {
          pos++;
          emit(Kind.PUNCT);
          return true;
        }
        return error("unrecognized character in action: " + unicodeForm(c));
      }
    }
    return true;
  }

  private boolean lexQuote() {
    pos++;
    while (true) {
      if (pos >= in.length() || in.charAt(pos) == '\n') {
        return error("unterminated quoted string");
      }
      char c = in.charAt(pos++);
      if (c == '\\') {
        if (pos >= in.length() || in.charAt(pos) == '\n') {
          return error("unterminated quoted string");
        }
        pos++;
      } else if (c == '"') {
        break;
      }
    }
    emit(Kind.STRING);
    return true;
  }

  private boolean lexRawQuote() {
    int end = in.indexOf('`', pos + 1);
    if (end < 0) {
      return error("unterminated raw quoted string");
    }
    advanceTo(end + 1);
    emit(Kind.RAW_STRING);
    return true;
  }

  private boolean lexChar() {
    pos++;
    while (true) {
      if (pos >= in.length() || in.charAt(pos) == '\n') {
        return error("unterminated character constant");
      }
      char c = in.charAt(pos++);
      if (c == '\\') {
        if (pos >= in.length() || in.charAt(pos) == '\n') {
          return error("unterminated character constant");
        }
        pos++;
      } else if (c == '\'') {
        break;
      }
    }
    emit(Kind.CHAR);
    return true;
  }

  private boolean lexNumber() {
    if (in.charAt(pos) == '+' || in.charAt(pos) == '-') {
      pos++;
    }
    String digits = "0123456789_";
    if (in.startsWith("0x", pos) || in.startsWith("0X", pos)) {
      pos += 2;
      digits = "0123456789abcdefABCDEF_";
    } else if (in.startsWith("0o", pos) || in.startsWith("0O", pos)) {
      pos += 2;
      digits = "01234567_";
    } else if (in.startsWith("0b", pos) || in.startsWith("0B", pos)) {
      pos += 2;
      digits = "01_";
    }
    accept(digits);
    if (pos < in.length() && in.charAt(pos) == '.') {
      pos++;
      accept(digits);
    }
    if (digits.length() == 11 && pos < in.length() && "eE".indexOf(in.charAt(pos)) >= 0) {
      pos++;
      if (pos < in.length() && "+-".indexOf(in.charAt(pos)) >= 0) {
        pos++;
      }
      accept("0123456789_");
    }
    if (digits.length() == 23 && pos < in.length() && "pP".indexOf(in.charAt(pos)) >= 0) {
      pos++;
      if (pos < in.length() && "+-".indexOf(in.charAt(pos)) >= 0) {
        pos++;
      }
      accept("0123456789_");
    }
    if (pos < in.length() && isAlnum(in.charAt(pos))) {
      pos++;
      return error("bad number syntax: \"" + in.substring(start, pos) + "\"");
    }
    emit(Kind.NUMBER);
    return true;
  }

  private boolean lexField() {
    if (pos + 1 >= in.length() || !isAlnum(in.charAt(pos + 1))) {
      pos++;
      if (!atTerminator()) {
        return error("bad character " + unicodeForm(in.charAt(pos)));
      }
      emit(Kind.DOT);
      return true;
    }
    pos++;
    return lexName(Kind.FIELD);
  }

  private boolean lexVariable() {
    pos++;
    return lexName(Kind.VARIABLE);
  }

  private boolean lexName(Kind kind) {
    while (pos < in.length() && isAlnum(in.charAt(pos))) {
      pos++;
    }
    if (!atTerminator()) {
      return error("bad character " + unicodeForm(in.charAt(pos)));
    }
    emit(kind);
    return true;
  }

  private boolean lexIdentifier() {
    while (pos < in.length() && isAlnum(in.charAt(pos))) {
      pos++;
    }
    String word = in.substring(start, pos);
    if (!atTerminator()) {
      return error("bad character " + unicodeForm(in.charAt(pos)));
    }
    Kind kw = KEYWORDS.get(word);
    if (kw != null) {
      emit(kw);
    } else if (word.equals("true") || word.equals("false")) {
      emit(Kind.BOOL);
    } else if (word.equals("nil")) {
      emit(Kind.NIL);
    } else {
      emit(Kind.IDENTIFIER);
    }
    return true;
  }

  private boolean atTerminator() {
    if (pos >= in.length()) {
      return true;
    }
    char c = in.charAt(pos);
    if (isSpace(c) || ".,|:)(".indexOf(c) >= 0) {
      return true;
    }
    return in.startsWith(RIGHT, pos);
  }

  /** -1 when no right delimiter starts at p; 0 for "}}", 1 for " -}}". */
  private int rightDelimAt(int p) {
    if (p < in.length() && isSpace(in.charAt(p)) && in.startsWith("-" + RIGHT, p + 1)) {
      return 1;
    }
    return in.startsWith(RIGHT, p) ? 0 : -1;
  }

  private boolean hasLeftTrim(int delim) {
    int p = delim + LEFT.length();
    return p + 1 < in.length() && in.charAt(p) == '-' && isSpace(in.charAt(p + 1));
  }

  private void accept(String valid) {
    while (pos < in.length() && valid.indexOf(in.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private void skipSpace() {
    while (pos < in.length() && isSpace(in.charAt(pos))) {
      advance();
    }
    ignore();
  }

  private void advance() {
    pos++;
  }

  private void advanceTo(int target) {
    pos = target;
  }

  private void ignore() {
    start = pos;
  }

  private void emit(Kind kind) {
    emitAt(kind, in.substring(start, pos));
    start = pos;
  }

  private void emitAt(Kind kind, String text) {
    items.add(new Item(kind, text, start, lineAt(start)));
  }

  /** The 1-based line of offset p; offsets only grow, so one forward scan serves every call. */
  private int lineAt(int p) {
    for (; lineScanned < p && lineScanned < in.length(); lineScanned++) {
      if (in.charAt(lineScanned) == '\n') {
        lineAtScanned++;
      }
    }
    return lineAtScanned;
  }

  private boolean error(String message) {
    items.add(new Item(Kind.ERROR, message, start, lineAt(start)));
    return false;
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  static boolean isAlnum(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  static String unicodeForm(char c) {
    return String.format("U+%04X '%c'", (int) c, c);
  }
}
