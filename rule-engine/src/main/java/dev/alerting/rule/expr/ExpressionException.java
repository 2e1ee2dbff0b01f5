package dev.alerting.rule.expr;

/**
 * An expression that cannot be used, with the 1-based character position of the problem in the
 * expression text.
 */
public final class ExpressionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int position;

  public ExpressionException(int position, String message) {
    super(message);
    this.position = position;
  }

  /** 1-based character column in the expression text. */
  public int position() {
    return position;
  }
}
