package dev.alerting.rule.expr;

/**
 * Turns rule-file expression text into an {@link Expression}, or rejects it with the position of
 * the problem. The rule loader takes one of these, so loading is independent of the language.
 */
@FunctionalInterface
public interface ExpressionParser {

  Expression parse(String text) throws ExpressionException;
}
