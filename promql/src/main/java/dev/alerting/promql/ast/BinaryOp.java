package dev.alerting.promql.ast;

/** Binary operators with Prometheus's precedence (higher binds tighter). */
public enum BinaryOp {
  POW("^", 6),
  MUL("*", 5),
  DIV("/", 5),
  MOD("%", 5),
  ATAN2("atan2", 5),
  ADD("+", 4),
  SUB("-", 4),
  EQL("==", 3),
  NEQ("!=", 3),
  GTR(">", 3),
  LSS("<", 3),
  GTE(">=", 3),
  LTE("<=", 3),
  /** Keeps the part of a native histogram below the operand (Prometheus 3.x). */
  TRIM_UPPER("</", 3),
  /** Keeps the part of a native histogram above the operand (Prometheus 3.x). */
  TRIM_LOWER(">/", 3),
  AND("and", 2),
  UNLESS("unless", 2),
  OR("or", 1);

  private final String symbol;
  private final int precedence;

  BinaryOp(String symbol, int precedence) {
    this.symbol = symbol;
    this.precedence = precedence;
  }

  public String symbol() {
    return symbol;
  }

  public int precedence() {
    return precedence;
  }

  public boolean isComparison() {
    return precedence == 3 && !isTrim();
  }

  public boolean isTrim() {
    return this == TRIM_UPPER || this == TRIM_LOWER;
  }

  public boolean isSetOperator() {
    return this == AND || this == OR || this == UNLESS;
  }

  public boolean rightAssociative() {
    return this == POW;
  }
}
