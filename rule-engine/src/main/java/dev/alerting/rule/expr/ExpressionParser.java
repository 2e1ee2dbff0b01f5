package dev.alerting.rule.expr;

/**
 * Turns rule-file expression text into an {@link Expression}, or rejects it with the position of
 * the problem. The rule loader takes one of these, so a fuller PromQL parser can replace {@link
 * ThresholdParser} without touching loading, alert state or transport.
 */
@FunctionalInterface
public interface ExpressionParser {

  Expression parse(String text) throws ExpressionException;
}
