package dev.alerting.promql.syntax;

/**
 * Lexical token kinds. Keywords (by, on, offset, and, ...) are identifiers the parser interprets in
 * context.
 */
public enum TokenKind {
  IDENTIFIER,
  NUMBER,
  DURATION,
  STRING,
  LEFT_BRACE,
  RIGHT_BRACE,
  LEFT_PAREN,
  RIGHT_PAREN,
  LEFT_BRACKET,
  RIGHT_BRACKET,
  COMMA,
  COLON,
  AT,
  ADD,
  SUB,
  MUL,
  DIV,
  MOD,
  POW,
  EQL,
  NEQ,
  LSS,
  LTE,
  TRIM_UPPER,
  TRIM_LOWER,
  GTR,
  GTE,
  ASSIGN,
  EQL_REGEX,
  NEQ_REGEX,
  EOF
}
