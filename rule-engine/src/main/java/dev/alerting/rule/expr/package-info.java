/**
 * Rule expressions. {@link dev.alerting.rule.expr.Expression}, {@link
 * dev.alerting.rule.expr.ExpressionParser} and {@link dev.alerting.rule.expr.SeriesSource} are the
 * seam the PromQL evaluator plugs into; {@link dev.alerting.rule.expr.ThresholdParser} is the
 * deliberately narrow subset ({@code metric{matchers} OP number}) used until then.
 */
package dev.alerting.rule.expr;
