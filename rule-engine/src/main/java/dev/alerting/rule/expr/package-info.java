/**
 * Rule expressions: {@link dev.alerting.rule.expr.Expression} is what the engine evaluates, {@link
 * dev.alerting.rule.expr.PromQLParser} builds it with the PromQL core (module {@code promql}). This
 * package holds no evaluator of its own.
 */
package dev.alerting.rule.expr;
