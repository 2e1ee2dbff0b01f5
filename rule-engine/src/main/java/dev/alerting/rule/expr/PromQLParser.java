package dev.alerting.rule.expr;

import dev.alerting.promql.PromQL;
import dev.alerting.promql.syntax.ParseException;
import dev.alerting.promql.syntax.ParseLimits;

/**
 * Parses rule expressions as Prometheus does, with the PromQL core; errors keep position and
 * reason.
 */
public final class PromQLParser implements ExpressionParser {
  private final ParseLimits limits;

  /** With the default limits on expression length and nesting. */
  public PromQLParser() {
    this(ParseLimits.DEFAULT);
  }

  public PromQLParser(ParseLimits limits) {
    this.limits = limits;
  }

  @Override
  public Expression parse(String text) throws ExpressionException {
    String s = text == null ? "" : text;
    if (s.isBlank()) {
      throw new ExpressionException(1, "invalid expression at position 1: the expression is empty");
    }
    try {
      return new PromQLExpression(s, PromQL.parse(s, limits));
    } catch (ParseException e) {
      int column = e.position() + 1;
      throw new ExpressionException(
          column, "invalid expression at position " + column + ": " + e.reason());
    }
  }
}
