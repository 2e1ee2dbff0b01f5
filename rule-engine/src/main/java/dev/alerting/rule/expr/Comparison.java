package dev.alerting.rule.expr;

/** PromQL's comparison operators, used as filters (without {@code bool}). */
public enum Comparison {
  GT(">"),
  LT("<"),
  GTE(">="),
  LTE("<="),
  EQ("=="),
  NEQ("!=");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** IEEE comparison, as Go's: any comparison with NaN is false except {@code !=}. */
  public boolean test(double left, double right) {
    return switch (this) {
      case GT -> left > right;
      case LT -> left < right;
      case GTE -> left >= right;
      case LTE -> left <= right;
      case EQ -> left == right;
      case NEQ -> left != right;
    };
  }
}
