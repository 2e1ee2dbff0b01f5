/**
 * The rule engine service: Prometheus alerting rules evaluated over the {@code metrics.samples}
 * stream in event time, emitting an Alertmanager alert object on {@code alerts} for every firing
 * and resolution.
 *
 * <p>Layout: {@code group} (rule records and rule identity), {@code file} (rule-file loading and
 * validation), {@code reload} (rules as live configuration: API, file changes, the {@code rules}
 * topic), {@code checkpoint} (alert state in {@code rules.state} and restore after restart), {@code
 * expr} (the expression seam and today's threshold subset), {@code template} (rule templates on the
 * shared Go template engine, and Go float formatting), {@code alert} (per-rule state machine),
 * {@code engine} (the pure core: series state and event-time clock), {@code stream} (Kafka in/out),
 * {@code api} (Prometheus-shaped HTTP API), {@code election} (which instance is the active one; the
 * others stand by). Only {@code stream}, {@code api}, {@code reload}, {@code election}, {@code
 * checkpoint} (its topic readers; {@code AlertCheckpoint} itself is pure) and this package know
 * Vert.x or Kafka.
 *
 * <p>Deliberately not here yet: recording-rule evaluation, sharding the work over several instances
 * (one is active, the others stand by; the two-stage plan is in DESIGN.md), and any PromQL beyond
 * {@code selector OP number}.
 */
package dev.alerting.rule;
