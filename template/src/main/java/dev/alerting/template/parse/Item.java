package dev.alerting.template.parse;

/** A lexed token: its kind, text and position (char offset into the source, and line). */
record Item(Kind kind, String text, int pos, int line) {
  enum Kind {
    ERROR,
    EOF,
    TEXT,
    LEFT_DELIM,
    RIGHT_DELIM,
    SPACE,
    IDENTIFIER,
    FIELD,
    VARIABLE,
    DOT,
    NUMBER,
    STRING,
    RAW_STRING,
    CHAR,
    BOOL,
    NIL,
    PIPE,
    LEFT_PAREN,
    RIGHT_PAREN,
    DECLARE,
    ASSIGN,
    COMMA,
    COMMENT,
    /** Any other printable ASCII character inside an action (Go's itemChar). */
    PUNCT,
    // keywords
    BLOCK,
    BREAK,
    CONTINUE,
    DEFINE,
    ELSE,
    END,
    IF,
    RANGE,
    TEMPLATE,
    WITH
  }

  @Override
  public String toString() {
    return switch (kind) {
      case EOF -> "EOF";
      case ERROR -> text;
      default -> text.length() > 10 ? "\"" + text.substring(0, 10) + "\"..." : "\"" + text + "\"";
    };
  }
}
